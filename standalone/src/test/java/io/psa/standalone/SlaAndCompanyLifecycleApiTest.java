package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SLAs changed and deactivated, companies deactivated, over REST: a change applies to tickets opened from then on,
 * a deactivation refuses what would be new and keeps what exists. The SLA is 24x7, so a target of N minutes falls
 * due N minutes after the opening.
 */
class SlaAndCompanyLifecycleApiTest extends ApiTest {
    private static final LocalDate TODAY = LocalDate.now();

    @Test
    void anSlasNewTermsApplyToTicketsOpenedFromThenOnAndADeactivatedSlaGoesOnNoNewContract() {
        String sla = created(api.post("/api/slas", slaBody("Standard", 240)));
        String desk = contract(acme, "Desk", sla);
        String before = openOn(desk, "Before the change");
        assertThat(resolutionMinutes(before)).isEqualTo(240);

        assertThat(api.put("/api/slas/" + sla + "/terms", slaBody("Standard plus", 120)).status()).isEqualTo(204);
        String after = openOn(desk, "After the change");
        assertThat(resolutionMinutes(after)).as("a ticket opened after the change").isEqualTo(120);
        assertThat(resolutionMinutes(before)).as("a running ticket keeps its due times").isEqualTo(240);
        JsonNode changed = readUntil("/api/slas/" + sla, r -> r.json().path("name").asText().equals("Standard plus"))
                .json();
        assertThat(changed.path("targets").path("3").path("resolved").asInt()).isEqualTo(120);
        assertThat(changed.path("active").asBoolean()).isTrue();

        assertThat(api.post("/api/slas/" + sla + "/deactivation", Map.of()).status()).isEqualTo(204);
        assertThat(api.post("/api/slas/" + sla + "/deactivation", Map.of()).status()).as("once is enough")
                                                                                   .isEqualTo(204);
        long stored = storedEvents();
        assertRefused(api.post("/api/contracts", contractBody(acme, "Another", sla)), 409, "active-sla");
        String other = contract(acme, "Other", null);
        assertRefused(api.put("/api/contracts/" + other + "/details", Map.of("name", "Other", "slaId", sla)), 409,
                "active-sla");
        stored += 1; // the contract "Other"
        assertRefused(api.put("/api/slas/" + sla + "/terms", slaBody("Standard again", 60)), 409, "active-sla");
        assertThat(storedEvents()).isEqualTo(stored);

        String kept = openOn(desk, "On a contract that keeps it");
        assertThat(resolutionMinutes(kept)).as("a contract that has the SLA keeps it").isEqualTo(120);
        assertThat(readUntil("/api/slas/" + sla, r -> !r.json().path("active").asBoolean()).status()).isEqualTo(200);
        assertThat(api.get("/api/slas?size=100").json().path("items").findValuesAsText("slaId")).contains(sla);
        assertThat(history("/api/slas/" + sla)).containsExactly("SlaDefined", "SlaTermsChanged", "SlaDeactivated");
    }

    @Test
    void aDeactivatedCompanyGetsNoNewTicketsContractsOrDevicesAndItsOpenTicketsGoOn() {
        String company = company("Leaving Ltd");
        String contract = contract(company, "Leaving care", null);
        String device = created(api.post("/api/devices", Map.of("companyId", company, "name", "Old server")));
        String open = openTicket(company, "Still to finish");

        assertThat(api.post("/api/companies/" + company + "/deactivation", Map.of()).status()).isEqualTo(204);
        assertThat(api.post("/api/companies/" + company + "/deactivation", Map.of()).status()).isEqualTo(204);
        long stored = storedEvents();
        assertRefused(api.post("/api/tickets", Map.of("companyId", company, "title", "New work")), 409,
                "active-company");
        assertRefused(api.post("/api/tickets", Map.of("companyId", company, "title", "New work", "contractId",
                contract)), 409, "active-company");
        assertRefused(api.post("/api/contracts", contractBody(company, "New care", null)), 409, "active-company");
        assertRefused(api.post("/api/devices", Map.of("companyId", company, "name", "New server")), 409,
                "active-company");
        assertRefused(api.post("/api/alerts", Map.of("deviceId", device, "title", "Disk full", "severity",
                "CRITICAL")), 409, "active-company");
        assertThat(storedEvents()).isEqualTo(stored);

        assertThat(api.post("/api/tickets/" + open + "/notes", Map.of("title", "Done", "text", "Finished up",
                "visibility", "INTERNAL")).status()).as("its open tickets go on").isEqualTo(201);
        assertThat(readUntil("/api/companies/" + company, r -> !r.json().path("active").asBoolean()).status())
                .isEqualTo(200);
        assertThat(history("/api/companies/" + company)).containsExactly("CompanyCreated", "CompanyDeactivated");
        assertThat(api.get("/api/companies/" + acme).json().path("active").asBoolean()).isTrue();
    }

    /** Named at the opening: a service of that contract that has not ended. */
    @Test
    void aTicketIsNotOpenedOnAServiceThatEndedOrOneOfAnotherContract() {
        String contract = contract(acme, "Care", null);
        String service = created(api.post("/api/contracts/" + contract + "/services", Map.of("name", "Backup",
                "unitPrice", 30, "unitCost", 12, "units", 1, "period", "MONTHLY")));
        assertThat(api.put("/api/contracts/" + contract + "/services/" + service + "/last-day",
                Map.of("lastDay", TODAY.minusDays(1).toString())).status()).isEqualTo(204);
        long stored = storedEvents();
        assertRefused(api.post("/api/tickets", Map.of("companyId", acme, "title", "Restore", "contractId", contract,
                "contractServiceId", service)), 409, "service-running");
        assertRefused(api.post("/api/tickets", Map.of("companyId", acme, "title", "Restore", "contractId", contract,
                "contractServiceId", "no-such-service")), 409, "service-of-the-contract");
        assertThat(storedEvents()).isEqualTo(stored);
    }

    private Map<String, Object> slaBody(String name, int resolvedMinutes) {
        Map<String, Object> target = Map.of("firstResponse", 15, "resolutionPlan", 60, "resolved", resolvedMinutes);
        return Map.of("name", name, "hours", "24x7", "defaultPriority", 3,
                "targets", Map.of("1", target, "2", target, "3", target, "4", target));
    }

    private Map<String, Object> contractBody(String companyId, String name, String slaId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("companyId", companyId, "name", name,
                "type", "TIME_AND_MATERIALS", "startDate", TODAY.minusDays(30).toString(),
                "endDate", TODAY.plusDays(365).toString()));
        if (slaId != null) {
            body.put("slaId", slaId);
        }
        return body;
    }

    private String contract(String companyId, String name, String slaId) {
        return created(api.post("/api/contracts", contractBody(companyId, name, slaId)));
    }

    private String openOn(String contractId, String title) {
        return created(api.post("/api/tickets", Map.of("companyId", acme, "title", title, "contractId", contractId)));
    }

    /** Minutes from the ticket's SLA start to its resolution due time. */
    private long resolutionMinutes(String ticketId) {
        JsonNode sla = readUntil("/api/tickets/" + ticketId, r -> r.status() == 200
                && r.json().path("sla").path("targets").has("RESOLVED")).json().path("sla");
        return Duration.between(Instant.parse(sla.path("startedAt").asText()),
                Instant.parse(sla.path("targets").path("RESOLVED").path("due").asText())).toMinutes();
    }

    /** The item's changes in order, each checked to carry the actor who made it (the admin here). */
    private List<String> history(String path) {
        List<String> types = new ArrayList<>();
        api.get(path + "/history").json().forEach(event -> {
            assertThat(event.path("actor").asText()).as(event.toString()).isEqualTo("admin");
            types.add(event.path("type").asText());
        });
        return types;
    }
}
