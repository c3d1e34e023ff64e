package io.psa.standalone;

import io.psa.platform.test.OnEmbeddedDefault;

/** {@link TicketLifecycleTest} on the standalone default: the embedded H2 file. */
@OnEmbeddedDefault
class TicketLifecycleOnEmbeddedDefaultTest extends TicketLifecycleTest {
}
