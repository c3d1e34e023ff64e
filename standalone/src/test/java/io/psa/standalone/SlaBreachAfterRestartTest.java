package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.platform.test.ApiClient;
import io.psa.platform.test.SchemaPerTestClass;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An SLA due time passing while the system is down is still recorded as a breach: the deadline is kept in the
 * database (db-scheduler), not in memory. Takes a little over a minute: the shortest SLA target is one minute.
 */
class SlaBreachAfterRestartTest {

    @Test
    void aDueTimeThatPassesWhileTheSystemIsDownIsStillRecordedAsMissed() {
        String[] arguments = SchemaPerTestClass.arguments(SlaBreachAfterRestartTest.class, "--server.port=0");
        String ticketId;
        Instant opened;
        try (ConfigurableApplicationContext first = PsaStandaloneApplication.application().run(arguments)) {
            ApiClient api = client(first);
            String company = api.post("/api/companies", Map.of("name", "Acme")).id();
            Map<String, Object> target = Map.of("firstResponse", 1, "resolutionPlan", 600, "resolved", 1200);
            String sla = api.post("/api/slas", Map.of("name", "One minute", "hours", "24x7", "defaultPriority", 1,
                    "targets", Map.of("1", target, "2", target, "3", target, "4", target))).id();
            String contract = api.post("/api/contracts", Map.of("companyId", company, "name", "Fast",
                    "type", "TIME_AND_MATERIALS", "startDate", "2020-01-01", "endDate", "2099-12-31",
                    "slaId", sla)).id();
            api.put("/api/companies/" + company + "/default-contract", Map.of("contractId", contract));
            ApiClient.Response openedTicket = api.post("/api/tickets", Map.of("companyId", company, "title", "Urgent"));
            assertThat(openedTicket.status()).isEqualTo(201);
            ticketId = openedTicket.id();
            opened = Instant.now();
        }
        assertThat(Instant.now()).as("stopped before the due time").isBefore(opened.plusSeconds(60));

        try (ConfigurableApplicationContext second = PsaStandaloneApplication.application().run(arguments)) {
            ApiClient api = client(second);
            JsonNode ticket = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> api.get("/api/tickets/" + ticketId).json(), t -> "MISSED".equals(
                            t.path("sla").path("targets").path("FIRST_RESPONSE").path("state").asText()));
            assertThat(ticket.path("sla").path("targets").path("RESOLVED").path("state").asText()).isEqualTo("RUNNING");
            assertThat(api.get("/api/tickets/" + ticketId + "/history").json().findValuesAsText("type"))
                    .contains("SlaTargetMissed");
            // the dispatcher's queue of breached tickets
            assertThat(api.get("/api/tickets?slaMissed=true").json().findValuesAsText("ticketId")).contains(ticketId);
            assertThat(api.get("/api/tickets?slaMissed=false").json().findValuesAsText("ticketId"))
                    .doesNotContain(ticketId);
            assertThat(api.get("/api/tickets?slaMissed=true").json().path("items").get(0).path("slaMissed")
                    .asBoolean()).isTrue();
        }
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
