package io.psa.standalone;

import io.psa.platform.test.OnEmbeddedDefault;

/** {@link CommandBatchTest} on the standalone default: the embedded H2 file. */
@OnEmbeddedDefault
class CommandBatchOnEmbeddedDefaultTest extends CommandBatchTest {
}
