package io.psa.standalone;

import io.psa.platform.test.OnEmbeddedDefault;

/** {@link ContractServiceTest} on the standalone default: the embedded H2 file. */
@OnEmbeddedDefault
class ContractServiceOnEmbeddedDefaultTest extends ContractServiceTest {
}
