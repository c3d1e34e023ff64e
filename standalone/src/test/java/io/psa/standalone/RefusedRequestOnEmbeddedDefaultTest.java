package io.psa.standalone;

import io.psa.platform.test.OnEmbeddedDefault;

/** {@link RefusedRequestTest} on the standalone default: the embedded H2 file. */
@OnEmbeddedDefault
class RefusedRequestOnEmbeddedDefaultTest extends RefusedRequestTest {
}
