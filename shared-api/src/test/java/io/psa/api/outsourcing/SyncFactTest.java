package io.psa.api.outsourcing;

import io.psa.api.ticket.Priority;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What a receiver needs of a fact of the lead's details before it applies it. */
class SyncFactTest {
    private static SyncFact details(SyncFact.Handover handover) {
        return new SyncFact(1, "f-1", Instant.parse("2026-03-10T12:00:00Z"), "lead-t-1",
                SyncFact.Type.DETAILS_CHANGED, handover, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void aDetailsFactCarriesATitleOrAPriority() {
        assertThat(details(new SyncFact.Handover("Server room", null, null, null, null)).problem()).isNull();
        assertThat(details(new SyncFact.Handover(null, null, Priority.of(1), null, null)).problem()).isNull();
        assertThat(details(null).problem()).contains("details");
        assertThat(details(new SyncFact.Handover(" ", "only a description", null, null, null)).problem())
                .contains("details");
        assertThat(details(new SyncFact.Handover(" ", null, Priority.of(1), null, null)).problem())
                .as("a blank title with a priority").contains("blank");
    }
}
