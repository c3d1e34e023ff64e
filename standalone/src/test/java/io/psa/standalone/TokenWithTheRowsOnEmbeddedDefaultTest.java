package io.psa.standalone;

import io.psa.platform.test.OnEmbeddedDefault;

/** {@link TokenWithTheRowsTest} on the standalone default: the embedded H2 file. */
@OnEmbeddedDefault
class TokenWithTheRowsOnEmbeddedDefaultTest extends TokenWithTheRowsTest {
}
