package io.psa.standalone;

import io.psa.platform.test.OnEmbeddedDefault;

/** {@link ConcurrentAppendTest} on the standalone default: the embedded H2 file. */
@OnEmbeddedDefault
class ConcurrentAppendOnEmbeddedDefaultTest extends ConcurrentAppendTest {
}
