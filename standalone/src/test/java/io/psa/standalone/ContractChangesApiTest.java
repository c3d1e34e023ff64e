package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.api.contract.ContractType;
import io.psa.api.contract.ServicePeriod;
import io.psa.api.ticket.Money;
import io.psa.query.report.ProfitabilityProjection;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.psa.api.contract.ContractMessages.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contracts and services changed from an effective date over REST, with the profitability computed by hand before
 * and after. Tina costs 40/h. March 2026 has 31 days, April 30.
 * <ul>
 *   <li>R, recurring: "Monitoring", 10 units at 30 (cost 12) a month: March 300.00 revenue, 120.00 cost. From
 *       March 16 the unit price is 36: March = 300 x 15/31 + 360 x 16/31 = 145.16 + 185.81 = 330.97; February stays
 *       300.00. The service's last day is April 15: April = 360 x 15/30 = 180.00 revenue, 120 x 15/30 = 60.00 cost
 *       (360.00 and 120.00 before).</li>
 *   <li>T, time and materials at 100/h: Tina 2 h on March 10 and 2 h on March 20, billable: 400.00 revenue, 160.00
 *       labour. From March 16 the rate is 120: 200 + 240 = 440.00; labour stays 160.00.</li>
 *   <li>F, fixed price, 36,500 over 2026 (100 a day): March 3,100.00, June 3,000.00. Ended on June 30 from June 1,
 *       value kept: the 151 days before June earned 15,100, so June earns the 21,400 left; March stays 3,100.00.</li>
 * </ul>
 */
class ContractChangesApiTest extends ApiTest {
    @Autowired
    ProfitabilityProjection profitability;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    private static final String MARCH = "from=2026-03-01&to=2026-03-31";

    @Test
    void aMidMonthChangeIsProRataAndThePastKeepsItsFigures() {
        String tina = created(api.post("/api/resources", Map.of("name", "Tina", "internalCostRate", 40,
                "billingRate", 90)));
        String r = contract("R Monitoring", "RECURRING_SERVICE", Map.of());
        String monitoring = created(api.post("/api/contracts/" + r + "/services", Map.of("name", "Monitoring",
                "unitPrice", 30, "unitCost", 12, "units", 10, "period", "MONTHLY")));
        String t = contract("T Support", "TIME_AND_MATERIALS", Map.of("hourlyRate", 100));
        String support = created(api.post("/api/contracts/" + t + "/services", Map.of("name", "Support",
                "unitPrice", 0, "unitCost", 0, "units", 1, "period", "MONTHLY")));
        String f = contract("F Fixed care", "FIXED_PRICE", Map.of("value", 36500));
        String ticket = created(api.post("/api/tickets", Map.of("companyId", acme, "title", "Work",
                "contractId", t, "contractServiceId", support)));
        for (String day : List.of("2026-03-10", "2026-03-20")) {
            created(api.post("/api/tickets/" + ticket + "/time-entries", Map.of("resourceId", tina, "workDate", day,
                    "hoursWorked", 2, "billable", true)));
        }

        assertFigures(figures(r, MARCH, "300.00"), "300.00", "0.00", "120.00");
        assertFigures(figures(t, MARCH, "400.00"), "400.00", "160.00", "0.00");
        assertFigures(figures(f, MARCH, "3100.00"), "3100.00", "0.00", "0.00");
        assertFigures(figures(f, "from=2026-06-01&to=2026-06-30", "3000.00"), "3000.00", "0.00", "0.00");

        assertThat(api.post("/api/contracts/" + r + "/services/" + monitoring + "/terms",
                Map.of("effectiveFrom", "2026-03-16", "unitPrice", 36)).status()).isEqualTo(204);
        assertThat(api.post("/api/contracts/" + t + "/terms", Map.of("effectiveFrom", "2026-03-16",
                "hourlyRate", 120)).status()).isEqualTo(204);
        assertThat(api.post("/api/contracts/" + f + "/terms", Map.of("effectiveFrom", "2026-06-01",
                "endDate", "2026-06-30")).status()).isEqualTo(204);

        assertFigures(figures(r, MARCH, "330.97"), "330.97", "0.00", "120.00");
        assertFigures(figures(r, "from=2026-02-01&to=2026-02-28", "300.00"), "300.00", "0.00", "120.00");
        assertFigures(figures(t, MARCH, "440.00"), "440.00", "160.00", "0.00");
        assertFigures(figures(f, "from=2026-06-01&to=2026-06-30", "21400.00"), "21400.00", "0.00", "0.00");
        assertFigures(figures(f, MARCH, "3100.00"), "3100.00", "0.00", "0.00");
        assertFigures(figures(f, "from=2026-01-01&to=2026-12-31", "36500.00"), "36500.00", "0.00", "0.00");

        String april = "from=2026-04-01&to=2026-04-30";
        assertFigures(figures(r, april, "360.00"), "360.00", "0.00", "120.00");
        assertThat(api.put("/api/contracts/" + r + "/services/" + monitoring + "/last-day",
                Map.of("lastDay", "2026-04-15")).status()).isEqualTo(204);
        assertFigures(figures(r, april, "180.00"), "180.00", "0.00", "60.00");
        assertRefused(api.post("/api/devices", Map.of("companyId", acme, "name", "Mail server", "contractId", r,
                "contractServiceId", monitoring)), 409, "service-running");
        assertFigures(figures(r, "from=2026-05-01&to=2026-05-31", "0.00"), "0.00", "0.00", "0.00");
    }

    /** Its creation and its service's, delivered again after the changes, change no figure. */
    @Test
    void aContractsEventsDeliveredAgainChangeNothing() throws Exception {
        String r = contract("R Monitoring", "RECURRING_SERVICE", Map.of());
        String monitoring = created(api.post("/api/contracts/" + r + "/services", Map.of("name", "Monitoring",
                "unitPrice", 30, "unitCost", 12, "units", 10, "period", "MONTHLY")));
        assertThat(api.put("/api/contracts/" + r + "/details", Map.of("name", "R renamed")).status()).isEqualTo(204);
        assertThat(api.post("/api/contracts/" + r + "/services/" + monitoring + "/terms",
                Map.of("effectiveFrom", "2026-03-16", "unitPrice", 36)).status()).isEqualTo(204);
        assertThat(api.put("/api/contracts/" + r + "/services/" + monitoring + "/last-day",
                Map.of("lastDay", "2026-04-15")).status()).isEqualTo(204);
        String year = "from=2026-01-01&to=2026-12-31";
        // Jan, Feb 300 each; March 330.97; April 180
        JsonNode before = figures(r, year, "1110.97");

        deliverAgain(new ContractCreated(r, acme, "R Monitoring", ContractType.RECURRING_SERVICE,
                LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), null, null, null), 0);
        deliverAgain(new ContractServiceAdded(r, monitoring, "Monitoring", Money.of("30"), Money.of("12"),
                new BigDecimal("10"), ServicePeriod.MONTHLY), 1);
        deliverAgain(new ContractServiceChanged(r, monitoring, LocalDate.parse("2026-03-16"), Money.of("36"),
                Money.of("12"), new BigDecimal("10"), ServicePeriod.MONTHLY), 3);

        assertThat(figures(r, year, "1110.97")).isEqualTo(before);
        assertThat(api.get("/api/reports/profitability/contracts/" + r + "?" + year).json().path("name").asText())
                .isEqualTo("R renamed");
    }

    /** Through the profitability projection's handler, as its processor would after a crash before its token. */
    private void deliverAgain(Object event, long sequence) throws Exception {
        java.lang.reflect.Method handler = ProfitabilityProjection.class.getDeclaredMethod("on", event.getClass(),
                long.class);
        handler.setAccessible(true);
        DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> transactions.execute(status -> {
            try {
                return handler.invoke(profitability, event, sequence);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    @Test
    void theContractShowsItsLatestTermsAndItsHistoryEveryChangeWithItsActor() {
        String t = contract("T Support", "TIME_AND_MATERIALS", Map.of("hourlyRate", 100));
        String sla = roundTheClockSla();
        assertThat(api.put("/api/contracts/" + t + "/details", Map.of("name", "T Support plus", "slaId", sla))
                      .status()).isEqualTo(204);
        assertThat(api.post("/api/contracts/" + t + "/terms", Map.of("effectiveFrom", "2026-03-16",
                "hourlyRate", 120, "endDate", "2027-03-31")).status()).isEqualTo(204);

        JsonNode contract = readUntil("/api/contracts/" + t, r -> r.json().path("termChanges").size() == 1).json();
        assertThat(contract.path("name").asText()).isEqualTo("T Support plus");
        assertThat(contract.path("slaId").asText()).isEqualTo(sla);
        assertThat(contract.path("hourlyRate").decimalValue()).isEqualByComparingTo("120");
        assertThat(contract.path("endDate").asText()).isEqualTo("2027-03-31");
        assertThat(contract.path("termChanges").get(0).path("effectiveFrom").asText()).isEqualTo("2026-03-16");

        JsonNode history = api.get("/api/contracts/" + t + "/history").json();
        List<String> changes = new ArrayList<>();
        history.forEach(event -> changes.add(event.path("type").asText() + " by " + event.path("actor").asText()));
        String actor = history.get(0).path("actor").asText();
        assertThat(actor).isNotBlank();
        assertThat(changes).containsExactly("ContractCreated by " + actor, "ContractDetailsChanged by " + actor,
                "ContractTermsChanged by " + actor);
        assertThat(api.get("/api/contracts/" + acme + "/history").status()).as("a company is no contract")
                                                                          .isEqualTo(404);
    }

    /** Renamed in the lists and the history; a resource who left logs no time and takes no ticket. */
    @Test
    void companiesAndResourcesAreRenamedAndAResourceWhoLeftLogsNoMoreTime() {
        String tina = resource("Tina");
        String ticket = openTicket(acme, "Work");
        String logged = created(api.post("/api/tickets/" + ticket + "/time-entries", Map.of("resourceId", tina,
                "workDate", "2026-01-15", "hoursWorked", 1)));
        assertThat(api.put("/api/companies/" + acme + "/name", Map.of("name", "Acme Corp")).status()).isEqualTo(204);
        assertThat(api.put("/api/resources/" + tina + "/name", Map.of("name", "Tina Meyer")).status())
                .isEqualTo(204);
        assertThat(api.post("/api/resources/" + tina + "/deactivation", Map.of()).status()).isEqualTo(204);

        long stored = storedEvents();
        assertRefused(api.post("/api/tickets/" + ticket + "/time-entries", Map.of("resourceId", tina,
                "workDate", "2026-01-16", "hoursWorked", 1)), 409, "active-resource");
        assertRefused(api.put("/api/tickets/" + ticket + "/assignment", Map.of("resourceId", tina)), 409,
                "active-resource");
        assertThat(storedEvents()).isEqualTo(stored);
        assertThat(api.put("/api/tickets/" + ticket + "/time-entries/" + logged, Map.of("resourceId", tina,
                "workDate", "2026-01-15", "hoursWorked", 2)).status()).as("what it logged can be corrected")
                .isEqualTo(204);

        JsonNode resource = readUntil("/api/resources/" + tina, r -> !r.json().path("active").asBoolean()).json();
        assertThat(resource.path("name").asText()).isEqualTo("Tina Meyer");
        assertThat(readUntil("/api/companies/" + acme, r -> r.json().path("name").asText().equals("Acme Corp"))
                .status()).isEqualTo(200);
        List<String> changes = new ArrayList<>();
        api.get("/api/resources/" + tina + "/history").json().forEach(event -> changes.add(event.path("type").asText()));
        assertThat(changes).containsExactly("ResourceCreated", "ResourceRenamed", "ResourceDeactivated");
    }

    /** The refusals name their rule and store nothing. */
    @Test
    void changesOutOfOrderOrOutsideTheTermAreRefused() {
        String t = contract("T Support", "TIME_AND_MATERIALS", Map.of("hourlyRate", 100));
        assertThat(api.post("/api/contracts/" + t + "/terms", Map.of("effectiveFrom", "2026-06-01",
                "hourlyRate", 110)).status()).isEqualTo(204);
        long stored = storedEvents();
        assertRefused(api.post("/api/contracts/" + t + "/terms", Map.of("effectiveFrom", "2026-05-31",
                "hourlyRate", 120)), 409, "changes-in-date-order");
        assertRefused(api.post("/api/contracts/" + t + "/terms", Map.of("effectiveFrom", "2027-01-02",
                "endDate", "2027-12-31")), 422, "change-within-term");
        assertRefused(api.post("/api/contracts/" + t + "/terms", Map.of("effectiveFrom", "2026-07-01",
                "endDate", "2026-06-30")), 422, "contract-runs-on-the-change");
        assertThat(api.post("/api/contracts/" + t + "/terms", Map.of("hourlyRate", 120)).status())
                .as("no effective date").isEqualTo(400);
        assertThat(api.post("/api/contracts/" + t + "/services/nothing/terms", Map.of("effectiveFrom",
                "2026-06-01", "unitPrice", 1)).status()).isEqualTo(404);
        assertThat(storedEvents()).isEqualTo(stored);
    }

    /**
     * The company's default contract, its SLA changed: a new ticket gets the new SLA. Ended yesterday: a new ticket
     * of the company is not put on it.
     */
    @Test
    void aNewTicketGetsTheContractsNewSlaAndAContractEndedEarlyGetsNoNewTickets() {
        LocalDate today = LocalDate.now();
        String desk = created(api.post("/api/contracts", Map.of("companyId", acme, "name", "Desk",
                "type", "TIME_AND_MATERIALS", "startDate", today.minusDays(30).toString(),
                "endDate", today.plusDays(365).toString())));
        assertThat(api.put("/api/companies/" + acme + "/default-contract", Map.of("contractId", desk)).status())
                .isEqualTo(204);
        String sla = roundTheClockSla();
        assertThat(api.put("/api/contracts/" + desk + "/details", Map.of("name", "Desk", "slaId", sla)).status())
                .isEqualTo(204);
        String before = openTicket(acme, "Before the end");
        JsonNode opened = readUntil("/api/tickets/" + before, r -> r.status() == 200
                && r.json().path("sla").has("slaId")).json();
        assertThat(opened.path("contractId").asText()).isEqualTo(desk);
        assertThat(opened.path("sla").path("slaId").asText()).isEqualTo(sla);
        assertThat(api.post("/api/contracts/" + desk + "/terms", Map.of("effectiveFrom",
                today.minusDays(1).toString(), "endDate", today.minusDays(1).toString())).status()).isEqualTo(204);
        String after = openTicket(acme, "After the end");
        JsonNode ticket = readUntil("/api/tickets/" + after, r -> r.status() == 200).json();
        assertThat(ticket.path("contractId").isNull()).as(ticket.toString()).isTrue();
    }

    private String roundTheClockSla() {
        Map<String, Object> target = Map.of("firstResponse", 15, "resolutionPlan", 60, "resolved", 240);
        return created(api.post("/api/slas", Map.of("name", "Round the clock", "hours", "24x7", "targets",
                Map.of("1", target, "2", target, "3", target, "4", target))));
    }

    private String contract(String name, String type, Map<String, Object> terms) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("companyId", acme, "name", name, "type", type,
                "startDate", "2026-01-01", "endDate", "2026-12-31"));
        body.putAll(terms);
        return created(api.post("/api/contracts", body));
    }

    /** The contract's figures over the range once its revenue is {@code revenue} (the projection catches up). */
    private JsonNode figures(String contract, String range, String revenue) {
        return readUntil("/api/reports/profitability/contracts/" + contract + "?" + range, r -> r.status() == 200
                && r.json().path("figures").path("revenue").decimalValue().compareTo(new java.math.BigDecimal(revenue))
                   == 0).json().path("figures");
    }

    private static void assertFigures(JsonNode figures, String revenue, String labour, String other) {
        assertThat(figures.path("revenue").decimalValue()).isEqualByComparingTo(revenue);
        assertThat(figures.path("labourCost").decimalValue()).isEqualByComparingTo(labour);
        assertThat(figures.path("otherCost").decimalValue()).isEqualByComparingTo(other);
    }
}
