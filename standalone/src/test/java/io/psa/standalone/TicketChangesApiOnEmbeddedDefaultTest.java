package io.psa.standalone;

import io.psa.platform.test.OnEmbeddedDefault;

/** {@link TicketChangesApiTest} on the standalone default: the embedded H2 file (its list queries included). */
@OnEmbeddedDefault
class TicketChangesApiOnEmbeddedDefaultTest extends TicketChangesApiTest {
}
