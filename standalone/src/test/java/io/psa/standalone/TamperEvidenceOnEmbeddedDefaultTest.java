package io.psa.standalone;

import io.psa.platform.test.OnEmbeddedDefault;

/** {@link TamperEvidenceTest} on the standalone default: the embedded H2 file. */
@OnEmbeddedDefault
class TamperEvidenceOnEmbeddedDefaultTest extends TamperEvidenceTest {
}
