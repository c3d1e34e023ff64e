package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tickets and contracts keep a snapshot once {@code psa.snapshot-threshold} events were loaded since the last one
 * (5 here, and no ticket cache, so every command loads the ticket from the store). A load reads the snapshot and
 * only the events after it, and decides as the whole history would; a snapshot of another revision of the
 * aggregate, or one that cannot be read, is passed over for the events.
 */
@TestPropertySource(properties = {"psa.snapshot-threshold=5", "psa.ticket-cache=false"})
class AggregateSnapshotTest extends ApiTest {
    private static final String WORK_DATE = "2026-01-15";
    String ticket;
    String note;
    String tech;

    /** A ticket with a note and a full day of work for a technician on {@link #WORK_DATE}, and a snapshot of it. */
    @BeforeEach
    void aTicketWithASnapshot() {
        tech = resource("Tech");
        ticket = openTicket(acme, "Long-lived");
        note = created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "Kept", "text", "before",
                "visibility", "INTERNAL")));
        for (int i = 0; i < 3; i++) {
            created(logEightHours());
        }
        created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "More", "text", "after",
                "visibility", "INTERNAL")));
        created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "More", "text", "after",
                "visibility", "INTERNAL")));
        snapshotOf(ticket);
    }

    @Test
    void theEventsBeforeTheSnapshotAreNotReadAgain() {
        long snapshot = snapshotOf(ticket);
        long last = lastSequence(ticket);
        assertThat(jdbc.update("delete from domain_event_entry where aggregate_identifier = ? "
                               + "and sequence_number <= ?", ticket, snapshot)).isEqualTo(snapshot + 1);

        assertRefusedAsTheWholeHistoryWould();
        assertThat(api.put("/api/tickets/" + ticket + "/notes/" + note, Map.of("title", "Kept", "text", "edited",
                "visibility", "INTERNAL")).status()).as("a note known only from the snapshot").isEqualTo(204);
        assertThat(lastSequence(ticket)).as("appended after the events that followed the snapshot")
                .isEqualTo(last + 1);
    }

    @Test
    void theHistoryAndThePastReadEveryEventNotTheSnapshot() {
        long last = lastSequence(ticket);
        assertThat(api.get("/api/tickets/" + ticket + "/history").json().findValuesAsText("type"))
                .hasSize((int) last + 1).startsWith("TicketOpened", "NoteAdded", "TimeLogged");
        JsonNode past = api.get("/api/tickets/" + ticket + "/history?asOf=" + Instant.now()).json();
        assertThat(past.path("notes").findValuesAsText("text")).containsExactly("before", "after", "after");
        assertThat(past.path("timeEntries")).hasSize(3);
    }

    @Test
    void aSnapshotOfAnotherRevisionOfTheTicketIsPassedOver() {
        long snapshot = snapshotOf(ticket);
        ObjectNode state = (ObjectNode) ApiClient.JSON.valueToTree(readTree(snapshotPayload(ticket, snapshot)));
        ((ObjectNode) state.path("work").path("timeEntries")).putObject("items");
        jdbc.update("update snapshot_event_entry set payload = ?, payload_revision = '0' "
                    + "where aggregate_identifier = ?", state.toString().getBytes(StandardCharsets.UTF_8), ticket);

        assertRefusedAsTheWholeHistoryWould();
    }

    @Test
    void anUnreadableSnapshotIsPassedOver() {
        jdbc.update("update snapshot_event_entry set payload = ? where aggregate_identifier = ?",
                "{\"work\": [".getBytes(StandardCharsets.UTF_8), ticket);

        assertRefusedAsTheWholeHistoryWould();
        created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "Still", "text", "working",
                "visibility", "INTERNAL")));
    }

    @Test
    void aContractWithManyServicesIsLoadedFromItsSnapshot() {
        String contract = created(api.post("/api/contracts", Map.of("companyId", acme, "name", "Many services",
                "type", "RECURRING_SERVICE", "startDate", "2020-01-01", "endDate", "2099-12-31")));
        String first = null;
        for (int i = 0; i < 6; i++) {
            String service = created(api.post("/api/contracts/" + contract + "/services", Map.of("name", "S" + i,
                    "unitPrice", 10, "unitCost", 5, "units", 1, "period", "MONTHLY")));
            first = first == null ? service : first;
        }
        long snapshot = snapshotOf(contract);
        jdbc.update("delete from domain_event_entry where aggregate_identifier = ? and sequence_number <= ?",
                contract, snapshot);

        created(api.post("/api/devices", Map.of("companyId", acme, "name", "Server", "contractId", contract,
                "contractServiceId", first)));
        assertThat(api.post("/api/devices", Map.of("companyId", acme, "name", "Other", "contractId", contract,
                "contractServiceId", "no-such-service")).status()).as("the services are those of the snapshot")
                .isEqualTo(409);
    }

    /** The technician has worked 24 hours on the work date: one more hour is refused, as by the ticket's whole history. */
    private void assertRefusedAsTheWholeHistoryWould() {
        ApiClient.Response refused = api.post("/api/tickets/" + ticket + "/time-entries", Map.of("resourceId", tech,
                "workDate", WORK_DATE, "hoursWorked", 1));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().path("rule").asText()).isEqualTo("at-most-24-hours-a-day");
    }

    private ApiClient.Response logEightHours() {
        return api.post("/api/tickets/" + ticket + "/time-entries", Map.of("resourceId", tech, "workDate", WORK_DATE,
                "hoursWorked", 8));
    }

    /** The sequence number the aggregate's snapshot was taken at, once one is there (they are taken after commits). */
    private long snapshotOf(String aggregate) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
                "select max(sequence_number) from snapshot_event_entry where aggregate_identifier = ?", Long.class,
                aggregate), java.util.Objects::nonNull);
    }

    private long lastSequence(String aggregate) {
        return jdbc.queryForObject("select max(sequence_number) from domain_event_entry where aggregate_identifier = ?",
                Long.class, aggregate);
    }

    private String snapshotPayload(String aggregate, long sequence) {
        return new String(jdbc.queryForObject("select payload from snapshot_event_entry where aggregate_identifier = ? "
                + "and sequence_number = ?", byte[].class, aggregate, sequence), StandardCharsets.UTF_8);
    }

    private static Object readTree(String json) {
        try {
            return ApiClient.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
