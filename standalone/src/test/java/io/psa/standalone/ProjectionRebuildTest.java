package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An admin rebuilds a projection from the event store while the system keeps serving: its endpoints answer 503 with
 * the progress until it has caught up (never a half-built answer), then exactly what they answered before.
 */
class ProjectionRebuildTest extends ApiTest {
    private static final String YEAR = "from=" + LocalDate.now().withDayOfYear(1) + "&to="
                                       + LocalDate.now().withDayOfYear(1).plusYears(1).minusDays(1);

    @Test
    void eachProjectionIsRebuiltToWhatItServedBefore() {
        String contract = someWork();
        Map<String, String> before = served(contract);
        for (String projection : new String[]{"ticket-views", "reference-views", "profitability"}) {
            ApiClient.Response started = api.post("/api/admin/projections/" + projection + "/rebuild", Map.of());
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(started.json().path("eventsTotal").asLong()).isEqualTo(jdbc.queryForObject(
                    "select max(global_index) from domain_event_entry", Long.class));
            awaitDone(projection);
        }
        assertThat(served(contract)).isEqualTo(before);
    }

    @Test
    void whileRebuildingItsEndpointsSayItAndTheOthersServe() throws Exception {
        String contract = someWork();
        String ticket = openTicket(acme, "Served throughout");
        readUntil("/api/tickets/" + ticket, response -> response.status() == 200);
        Map<String, String> before = served(contract);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(jdbc.getDataSource());
        TransactionStatus lock = transactions.getTransaction(new DefaultTransactionDefinition());
        // holds the rebuild in its first step (emptying the read model) for as long as this test needs
        jdbc.execute("lock table ticket_view in access exclusive mode");
        CompletableFuture<ApiClient.Response> started = CompletableFuture.supplyAsync(() ->
                api.post("/api/admin/projections/ticket-views/rebuild", Map.of()));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/projections/rebuilds").json()
                    .findValuesAsText("projection").contains("ticket-views"));
            ApiClient.Response rebuilding = await().atMost(Duration.ofSeconds(10)).until(
                    () -> api.get("/api/tickets/" + ticket), response -> response.status() == 503);
            assertThat(rebuilding.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(rebuilding.header("Retry-After").orElseThrow()).matches("[1-9][0-9]*");
            assertThat(rebuilding.json().path("detail").asText()).contains("ticket-views read model is being rebuilt");
            assertThat(rebuilding.json().path("rebuild").path("state").asText()).isEqualTo("REBUILDING");
            assertThat(api.get("/api/tickets").status()).isEqualTo(503);
            assertThat(api.get("/api/tickets/" + ticket + "/history").status()).as("read from the store")
                    .isEqualTo(200);
            assertThat(api.get("/api/contracts").status()).as("another projection").isEqualTo(200);
            assertThat(api.get("/api/contracts/" + contract).status()).as("it lists the contract's tickets")
                    .isEqualTo(503);
            assertThat(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "n", "text",
                    "during the rebuild", "visibility", "INTERNAL")).status()).as("commands go on").isEqualTo(201);
            assertThat(api.post("/api/admin/projections/ticket-views/rebuild", Map.of()).status())
                    .as("one rebuild at a time").isEqualTo(409);
            JsonNode listed = api.get("/api/projections/rebuilds").json();
            assertThat(listed.findValuesAsText("projection")).contains("ticket-views");
        } finally {
            transactions.rollback(lock);
        }
        assertThat(started.get().status()).isEqualTo(202);
        awaitDone("ticket-views");
        // done means caught up with the store as it was when the rebuild began; the note came after
        readUntil("/api/tickets/" + ticket, response -> response.json().path("notes").size() == 1);
        Map<String, String> after = new HashMap<>(served(contract));
        Map<String, String> expected = new HashMap<>(before);
        assertThat(after.remove("tickets")).as("the note moved its ticket's updatedAt")
                .isNotEqualTo(expected.remove("tickets"));
        assertThat(after).isEqualTo(expected);
        assertThat(api.get("/api/tickets/" + ticket).json().path("notes").findValuesAsText("text"))
                .containsExactly("during the rebuild");
    }

    @Test
    void onlyProjectionsThatCanBeRebuiltAreAndNotOverParkedEvents() {
        assertThat(api.post("/api/admin/projections/partner-feed/rebuild", Map.of()).status())
                .as("partners hold cursors into the feed").isEqualTo(404);
        assertThat(api.post("/api/admin/projections/no-such-thing/rebuild", Map.of()).status()).isEqualTo(404);
        jdbc.update("insert into dead_letter_entry (dead_letter_id, processing_group, sequence_identifier, "
                    + "sequence_index, message_type, event_identifier, time_stamp, payload_type, payload, enqueued_at) "
                    + "values ('parked', 'profitability', 'ticket-1', 0, 'x', 'e', '2026-01-01T00:00:00Z', 'x', ?, "
                    + "'2026-01-01T00:00:00.000Z')", (Object) "{}".getBytes(StandardCharsets.UTF_8));
        try {
            ApiClient.Response refused = api.post("/api/admin/projections/profitability/rebuild", Map.of());
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().path("rule").asText()).isEqualTo("rebuild-without-parked-events");
        } finally {
            jdbc.update("delete from dead_letter_entry where dead_letter_id = 'parked'");
        }
        assertThat(api.as("not-a-token").post("/api/admin/projections/profitability/rebuild", Map.of()).status())
                .isEqualTo(401);
    }

    private void awaitDone(String projection) {
        JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(
                () -> api.get("/api/projections/rebuilds").json(), rebuilds -> rebuilds.findParents("projection")
                        .stream().anyMatch(r -> r.path("projection").asText().equals(projection)
                                                && r.path("state").asText().equals("DONE")));
        JsonNode rebuild = done.findParents("projection").stream()
                .filter(r -> r.path("projection").asText().equals(projection)).findFirst().orElseThrow();
        assertThat(rebuild.path("eventsDone").asLong()).isEqualTo(rebuild.path("eventsTotal").asLong());
        assertThat(rebuild.path("secondsLeft").asLong()).isZero();
    }

    /** A contract with a service, a ticket with time and a charge on it, an alert: something in every projection. */
    private String someWork() {
        String tina = created(api.post("/api/resources", Map.of("name", "Tina", "internalCostRate", 40,
                "billingRate", 100)));
        String contract = created(api.post("/api/contracts", Map.of("companyId", acme, "name", "Managed",
                "type", "RECURRING_SERVICE", "startDate", LocalDate.now().withDayOfYear(1).toString(),
                "endDate", LocalDate.now().withDayOfYear(1).plusYears(1).minusDays(1).toString())));
        created(api.post("/api/contracts/" + contract + "/services", Map.of("name", "Monitoring", "unitPrice", 500,
                "unitCost", 100, "units", 1, "period", "MONTHLY")));
        String ticket = created(api.post("/api/tickets", Map.of("companyId", acme, "title", "Work",
                "contractId", contract)));
        String time = created(api.post("/api/tickets/" + ticket + "/time-entries", Map.of("resourceId", tina,
                "workDate", LocalDate.now().toString(), "hoursWorked", 1.25)));
        // the edit a few pages of the rebuild later: it replaces the row the earlier page wrote
        jdbc.queryForObject("select setval('domain_event_global_index_seq', "
                            + "nextval('domain_event_global_index_seq') + 2500)", Long.class);
        assertThat(api.put("/api/tickets/" + ticket + "/time-entries/" + time, Map.of("resourceId", tina,
                "workDate", LocalDate.now().toString(), "hoursWorked", 2)).status()).isEqualTo(204);
        created(api.post("/api/tickets/" + ticket + "/charges", Map.of("description", "Cable", "quantity", 2,
                "unitCost", 3.5, "unitPrice", 9.75)));
        readUntil("/api/reports/profitability/contracts/" + contract + "?" + YEAR,
                r -> r.status() == 200 && r.toString().contains("19.5") && r.toString().contains("80.00"));
        String device = created(api.post("/api/devices", Map.of("companyId", acme, "name", "Mail server")));
        assertThat(api.post("/api/alerts", Map.of("deviceId", device, "title", "SMTP down")).status()).isEqualTo(201);
        readUntil("/api/tickets/" + ticket, r -> r.json().path("charges").size() == 1);
        readUntil("/api/alerts?companyId=" + acme, r -> r.json().path("totalItems").asInt() == 1);
        return contract;
    }

    private Map<String, String> served(String contract) {
        return Map.of("tickets", text("/api/tickets?size=500"), "alerts", text("/api/alerts?companyId=" + acme),
                "contracts", text("/api/contracts"),
                "contract", text("/api/contracts/" + contract),
                "profitability", text("/api/reports/profitability/contracts?" + YEAR),
                "months", text("/api/reports/profitability/contracts/months?" + YEAR));
    }

    private String text(String path) {
        ApiClient.Response response = api.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return new String(response.bytes(), StandardCharsets.UTF_8);
    }
}
