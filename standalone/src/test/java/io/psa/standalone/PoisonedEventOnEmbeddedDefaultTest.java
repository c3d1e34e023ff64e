package io.psa.standalone;

import io.psa.platform.test.OnEmbeddedDefault;

/** {@link PoisonedEventTest} on the standalone default: the embedded H2 file. */
@OnEmbeddedDefault
class PoisonedEventOnEmbeddedDefaultTest extends PoisonedEventTest {
}
