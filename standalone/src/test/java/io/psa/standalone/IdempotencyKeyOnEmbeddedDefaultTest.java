package io.psa.standalone;

import io.psa.platform.test.OnEmbeddedDefault;

/** {@link IdempotencyKeyTest} on the standalone default: the embedded H2 file. */
@OnEmbeddedDefault
class IdempotencyKeyOnEmbeddedDefaultTest extends IdempotencyKeyTest {
}
