package io.psa.standalone;

import io.psa.platform.test.OnEmbeddedDefault;

/** {@link LastWriteTest} on the standalone default: the embedded H2 file, where the commit follows on its own. */
@OnEmbeddedDefault
class LastWriteOnEmbeddedDefaultTest extends LastWriteTest {
}
