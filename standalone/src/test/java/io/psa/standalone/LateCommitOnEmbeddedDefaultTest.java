package io.psa.standalone;

import io.psa.platform.test.OnEmbeddedDefault;

/** {@link LateCommitTest} on the standalone default: the embedded H2 file. */
@OnEmbeddedDefault
class LateCommitOnEmbeddedDefaultTest extends LateCommitTest {
}
