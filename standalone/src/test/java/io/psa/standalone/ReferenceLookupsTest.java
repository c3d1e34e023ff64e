package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ticket opens with its company's default contract and that contract's SLA read from the lookups the command side
 * keeps in the transaction of each change, not from the aggregates (whose locks made a company's tickets wait for
 * each other); what was created before the lookups existed has no row and is read from its events, as before.
 */
class ReferenceLookupsTest extends ApiTest {
    private static final Map<String, Object> TARGET = Map.of("firstResponse", 30, "resolutionPlan", 60, "resolved", 120);
    String sla;
    String desk;
    String other;

    @BeforeEach
    void aCompanyWithADefaultContractUnderAnSla() {
        sla = created(api.post("/api/slas", Map.of("name", "Desk SLA", "hours", "24x7", "defaultPriority", 2,
                "targets", Map.of("1", TARGET, "2", TARGET, "3", TARGET, "4", TARGET))));
        desk = contract("Service desk", sla);
        other = contract("Other", null);
        assertThat(api.put("/api/companies/" + acme + "/default-contract", Map.of("contractId", desk)).status())
                .isEqualTo(204);
    }

    @Test
    void everyChangeIsInTheLookupsAtOnce() {
        assertThat(jdbc.queryForObject("select default_contract_id from company_lookup where company_id = ?",
                String.class, acme)).isEqualTo(desk);
        assertThat(jdbc.queryForObject("select sla_id from contract_lookup where contract_id = ?", String.class, desk))
                .isEqualTo(sla);
        assertThat(jdbc.queryForObject("select count(*) from contract_service_lookup where contract_id = ?",
                Integer.class, desk)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select terms from sla_lookup where sla_id = ?", String.class, sla))
                .contains("Desk SLA");
        assertOpensOnTheDeskWithItsSla();
    }

    @Test
    void aTicketOpensWithWhatTheLookupsSay() {
        jdbc.update("update company_lookup set default_contract_id = ? where company_id = ?", other, acme);
        assertThat(opened().path("contractId").asText()).as("read from the lookup, not from the company")
                .isEqualTo(other);
    }

    @Test
    void whatWasCreatedBeforeTheLookupsIsReadFromItsEvents() {
        jdbc.update("delete from company_lookup where company_id = ?", acme);
        jdbc.update("delete from contract_service_lookup where contract_id = ?", desk);
        jdbc.update("delete from contract_lookup where contract_id = ?", desk);
        jdbc.update("delete from sla_lookup where sla_id = ?", sla);
        assertOpensOnTheDeskWithItsSla();
    }

    private void assertOpensOnTheDeskWithItsSla() {
        String ticket = openTicket(acme, "Printer jammed");
        JsonNode detail = readUntil("/api/tickets/" + ticket, r -> r.status() == 200
                && r.json().path("sla").path("name").isTextual()).json();
        assertThat(detail.path("contractId").asText()).isEqualTo(desk);
        assertThat(detail.path("sla").path("name").asText()).isEqualTo("Desk SLA");
    }

    private String contract(String name, String slaId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("companyId", acme, "name", name,
                "type", "TIME_AND_MATERIALS", "startDate", "2020-01-01", "endDate", "2099-12-31"));
        if (slaId != null) {
            body.put("slaId", slaId);
        }
        String contract = created(api.post("/api/contracts", body));
        created(api.post("/api/contracts/" + contract + "/services", Map.of("name", "Desk", "unitPrice", 100,
                "unitCost", 40, "units", 1, "period", "MONTHLY")));
        return contract;
    }

    private JsonNode opened() {
        String ticket = openTicket(acme, "Printer jammed");
        return readUntil("/api/tickets/" + ticket, r -> r.status() == 200
                && r.json().path("contractId").isTextual()).json();
    }
}
