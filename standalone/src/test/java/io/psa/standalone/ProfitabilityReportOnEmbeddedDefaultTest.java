package io.psa.standalone;

import io.psa.platform.test.OnEmbeddedDefault;

/** {@link ProfitabilityReportTest} on the standalone default: the embedded H2 file. */
@OnEmbeddedDefault
class ProfitabilityReportOnEmbeddedDefaultTest extends ProfitabilityReportTest {
}
