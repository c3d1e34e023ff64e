package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several ticket commands in one request: stored together or not at all, each under its usual rules and with its
 * audit metadata; a refusal names the command it was for; an Idempotency-Key covers the whole batch.
 */
class CommandBatchTest extends ApiTest {
    private static final Map<String, Object> NOTE = Map.of("title", "n", "text", "in a batch", "visibility", "INTERNAL");
    private Map<String, Object> work() {
        return Map.of("resourceId", resource("Tech"), "workDate", "2026-01-15", "hoursWorked", 1.5);
    }

    @Test
    void aTicketOpenedAndWorkedOnInOneBatch() {
        String earlier = openTicket(acme, "Earlier");
        ApiClient.Response answer = api.post("/api/tickets/batch", Map.of("commands", List.of(
                Map.of("open", Map.of("companyId", acme, "title", "Alert storm")),
                Map.of("ticketId", "#0", "addNote", NOTE),
                Map.of("ticketId", "#0", "logTime", work()),
                Map.of("ticketId", earlier, "addCharge", Map.of("description", "cable", "quantity", 1,
                        "unitCost", 2, "unitPrice", 5)),
                Map.of("ticketId", earlier, "changeStatus", Map.of("status", "IN_PROGRESS")))),
                "X-Correlation-Id", "import-7");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode results = answer.json().path("results");
        assertThat(results).hasSize(5);
        String opened = results.get(0).path("id").asText();
        assertThat(results.get(0).path("location").asText()).isEqualTo("/api/tickets/" + opened);
        assertThat(results.get(1).path("location").asText()).startsWith("/api/tickets/" + opened + "/notes/");
        assertThat(results.get(4).path("id").isNull()).isTrue();

        JsonNode history = api.get("/api/tickets/" + opened + "/history").json();
        assertThat(history.findValuesAsText("type")).containsExactly("TicketOpened", "NoteAdded", "TimeLogged");
        history.forEach(event -> {
            assertThat(event.path("actor").asText()).isEqualTo("admin");
            assertThat(event.path("correlationId").asText()).isEqualTo("import-7");
        });
        readUntil("/api/tickets/" + earlier, r -> "IN_PROGRESS".equals(r.json().path("status").asText())
                && r.json().path("charges").size() == 1);
    }

    @Test
    void aRefusedCommandRefusesTheWholeBatchAndSaysWhichItWas() {
        String closed = openTicket(acme, "Closed");
        assertThat(api.post("/api/tickets/" + closed + "/status", Map.of("status", "COMPLETE")).status()).isEqualTo(204);
        long stored = storedEvents();

        ApiClient.Response refused = api.post("/api/tickets/batch", Map.of("commands", List.of(
                Map.of("open", Map.of("companyId", acme, "title", "Never stored")),
                Map.of("ticketId", "#0", "addNote", NOTE),
                Map.of("ticketId", closed, "addNote", NOTE))));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("rule").asText()).isEqualTo("complete-ticket-is-closed");
        assertThat(refused.json().path("command").asInt()).isEqualTo(2);
        assertThat(storedEvents()).isEqualTo(stored);
    }

    @Test
    void aCommandMustNameOneOperationAndOnlyTicketsTheBatchOpened() {
        String ticket = openTicket(acme, "Target");
        Map<String, Object> work = work();
        long stored = storedEvents();
        ApiClient.Response two = api.post("/api/tickets/batch", Map.of("commands", List.of(
                Map.of("ticketId", ticket, "addNote", NOTE),
                Map.of("ticketId", ticket, "addNote", NOTE, "logTime", work))));
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.json().path("command").asInt()).isEqualTo(1);

        ApiClient.Response unknown = api.post("/api/tickets/batch", Map.of("commands", List.of(
                Map.of("ticketId", ticket, "addNote", NOTE),
                Map.of("ticketId", "#0", "addNote", NOTE))));
        assertThat(unknown.status()).as("#0 added a note, it opened no ticket").isEqualTo(400);
        assertThat(unknown.json().path("command").asInt()).isEqualTo(1);
        assertThat(api.post("/api/tickets/batch", Map.of("commands", List.of())).status()).isEqualTo(400);
        assertThat(storedEvents()).isEqualTo(stored);
    }

    @Test
    void theSameBatchSentAgainWithItsKeyIsStoredOnce() {
        String ticket = openTicket(acme, "Retried");
        Map<String, Object> batch = Map.of("commands", List.of(Map.of("ticketId", ticket, "addNote", NOTE),
                Map.of("ticketId", ticket, "logTime", work())));
        ApiClient.Response first = api.post("/api/tickets/batch", batch, "Idempotency-Key", "batch-1");
        long stored = storedEvents();
        ApiClient.Response again = api.post("/api/tickets/batch", batch, "Idempotency-Key", "batch-1");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(storedEvents()).isEqualTo(stored);
    }
}
