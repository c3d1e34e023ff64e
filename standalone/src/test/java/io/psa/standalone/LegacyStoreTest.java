package io.psa.standalone;

import io.psa.platform.axon.stored.StoredEventTypes;
import io.psa.platform.test.ApiClient;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every store written before events had stable names holds them under their Java class names, without a revision,
 * and TicketOutsourced with {@code partnerName}. Such a store, rebuilt after the upgrade, reads exactly as it did
 * (ticket, history, state as of a moment, profitability, exact amounts), and its tickets take commands on.
 */
class LegacyStoreTest extends ApiTest {
    private static final String RANGE = "from=2026-01-01&to=2026-12-31";
    /** The largest amount the API takes, with its scale: a double would read it as 987654321.5. */
    private static final String BIG_PRICE = "987654321.5000";

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    StoredEventTypes types;
    @Autowired
    @Qualifier("ticketCache")
    Cache tickets;

    @Test
    void aStoreFromBeforeStableNamesReadsAsItDidAndItsTicketsWorkOn() {
        enableOutsourcing("Lead GmbH", "en");
        String agreement = new PortalSession(port).join(api, "Sub AG", "sub@example.com", "de");
        String tina = created(api.post("/api/resources", Map.of("name", "Tina", "internalCostRate", 40,
                "billingRate", 100)));
        String contract = created(api.post("/api/contracts", Map.of("companyId", acme, "name", "Managed",
                "type", "RECURRING_SERVICE", "startDate", "2026-01-01", "endDate", "2026-12-31")));
        String ticket = created(api.post("/api/tickets", Map.of("companyId", acme, "title", "Legacy",
                "contractId", contract)));
        created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "n", "text", "before the upgrade",
                "visibility", "EXTERNAL")));
        created(api.post("/api/tickets/" + ticket + "/time-entries", Map.of("resourceId", tina,
                "workDate", "2026-03-02", "hoursWorked", 1.25)));
        created(api.post("/api/tickets/" + ticket + "/charges", Map.of("description", "Rack", "quantity", 1,
                "unitCost", new BigDecimal("12.50"), "unitPrice", new BigDecimal(BIG_PRICE))));
        assertThat(api.post("/api/tickets/" + ticket + "/outsourcing", Map.of("agreementId", agreement,
                "terms", Map.of("description", "on site", "hourlyRate", new BigDecimal("80.50")))).status())
                .isEqualTo(204);
        ApiClient.Response settled = readUntil("/api/tickets/" + ticket, r -> "ASSIGNED".equals(
                r.json().path("outsourcing").path("status").asText()) && r.json().path("charges").size() == 1);
        assertThat(settled.json().path("outsourcing").path("partyName").asText()).isEqualTo("Sub AG");
        String asOf = Instant.now().toString();
        Map<String, String> before = views(ticket, contract, asOf);
        assertThat(before.get("ticket")).contains(BIG_PRICE).contains("80.50");

        LegacyStore.rewrite(jdbc, types);
        tickets.removeAll();   // as after a restart: the ticket is loaded from the store
        rebuildTheReadModels();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(views(ticket, contract, asOf))
                .isEqualTo(before));
        assertThat(api.post("/api/tickets/" + ticket + "/outsourcing/cancel", Map.of("reason", "after the upgrade"))
                      .status()).as("the ticket still knows its outsourcing").isEqualTo(204);
        created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "n", "text", "after the upgrade",
                "visibility", "EXTERNAL")));
        assertThat(jdbc.queryForList("select payload_type, payload_revision from domain_event_entry "
                                     + "where aggregate_identifier = ? order by sequence_number desc limit 1", ticket))
                .as("what is new is stored under its stable name")
                .containsExactly(Map.of("payload_type", "ticket.NoteAdded", "payload_revision", "1"));
    }

    /** What clients see of the ticket and the contract, as JSON text: amounts exactly as given. */
    private Map<String, String> views(String ticket, String contract, String asOf) {
        return Map.of("ticket", text("/api/tickets/" + ticket), "history", text("/api/tickets/" + ticket + "/history"),
                "asOf", text("/api/tickets/" + ticket + "/history?asOf=" + asOf),
                "profitability", text("/api/reports/profitability/contracts/" + contract + "?" + RANGE));
    }

    private String text(String path) {
        ApiClient.Response response = api.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return new String(response.bytes(), StandardCharsets.UTF_8);
    }

    private void rebuildTheReadModels() {
        for (String group : List.of("ticket-views", "profitability", "reference-views")) {
            StreamingEventProcessor processor = processing.eventProcessor(group, StreamingEventProcessor.class)
                                                          .orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
    }
}
