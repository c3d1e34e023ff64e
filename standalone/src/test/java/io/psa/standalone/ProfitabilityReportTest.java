package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.platform.test.ApiClient;
import io.psa.query.report.ProfitabilityProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hand-computed example over January and February 2026. Tina costs 40/h (billing 100/h) until January 31 and
 * 50/h (110/h) from February 1; "ghost" was never registered (time logged before that was required) and has no
 * rates at all.
 *
 * <p>Contract A, recurring, from January 15 (a partial month: 17 of 31 days):
 * <ul>
 *   <li>S1 "Server monitoring", 2 units at 300 (cost 100) a month: 600 x 17/31 + 600 = 929.03 revenue,
 *       200 x 17/31 + 200 = 309.68 cost; Tina 2 h billable on Jan 20 (80) and 3 h non-billable on Feb 10 (150): the
 *       recurring fee covers the work, so no hourly revenue; a charge of 2 x 35 cost, 2 x 60 price on Feb 5.
 *       Line: revenue 1049.03, labour 230.00 for 5 h, other cost 379.68, profit 439.35, margin 41.88 %;</li>
 *   <li>S2 "Backup", 1 unit at 1200 (cost 600) a quarter: 45 of Q1's 90 days: 600.00 revenue, 300.00 cost;</li>
 *   <li>an hour on March 5 lies outside the range.</li>
 * </ul>
 * Contract A: revenue 1649.03, labour 230.00, other 679.68, profit 739.35, margin 44.84 %, 329.81 per hour.
 *
 * <p>Contract B, time and materials at 120/h, with S3 "Remote support" (no fee): Tina 4 h billable on Jan 31
 * (cost 160, revenue 480), 2 h on Feb 1 billing 1.5 h (cost 100 at the new rate, revenue 180), 1 h non-billable on
 * Feb 20 (cost 50); and on a ticket without a service, "ghost" 1 h billable (revenue 120, no cost rate: a warning).
 * Contract B: revenue 780.00, 8 h, labour 310.00, profit 470.00, margin 60.26 %, 97.50 per hour.
 */
class ProfitabilityReportTest extends ApiTest {
    private static final String RANGE = "from=2026-01-01&to=2026-02-28";

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventStore events;
    private String tina;

    private String contractA;
    private String contractB;
    private String s1;
    private String s2;
    private String s3;

    @BeforeEach
    void theExample() {
        tina = created(api.post("/api/resources", Map.of("name", "Tina", "internalCostRate", 40,
                "billingRate", 100)));
        assertThat(api.post("/api/resources/" + tina + "/rates", Map.of("effectiveFrom", "2026-02-01",
                "internalCostRate", 50, "billingRate", 110)).status()).isEqualTo(204);
        contractA = created(api.post("/api/contracts", Map.of("companyId", acme, "name", "A Managed services",
                "type", "RECURRING_SERVICE", "startDate", "2026-01-15", "endDate", "2026-12-31")));
        s1 = created(api.post("/api/contracts/" + contractA + "/services", Map.of("name", "Server monitoring",
                "unitPrice", 300, "unitCost", 100, "units", 2, "period", "MONTHLY")));
        s2 = created(api.post("/api/contracts/" + contractA + "/services", Map.of("name", "Backup",
                "unitPrice", 1200, "unitCost", 600, "units", 1, "period", "QUARTERLY")));
        contractB = created(api.post("/api/contracts", Map.of("companyId", acme, "name", "B Project support",
                "type", "TIME_AND_MATERIALS", "startDate", "2026-01-01", "endDate", "2026-12-31", "hourlyRate", 120)));
        s3 = created(api.post("/api/contracts/" + contractB + "/services", Map.of("name", "Remote support",
                "unitPrice", 0, "unitCost", 0, "units", 1, "period", "MONTHLY")));

        String ticketA = ticket(contractA, s1);
        time(ticketA, tina, "2026-01-20", 2, null, true);
        time(ticketA, tina, "2026-02-10", 3, null, false);
        time(ticketA, tina, "2026-03-05", 1, null, true);
        created(api.post("/api/tickets/" + ticketA + "/charges", Map.of("date", "2026-02-05", "description", "SFP module",
                "quantity", 2, "unitCost", 35, "unitPrice", 60)));
        String ticketB = ticket(contractB, s3);
        time(ticketB, tina, "2026-01-31", 4, null, true);
        time(ticketB, tina, "2026-02-01", 2, 1.5, true);
        time(ticketB, tina, "2026-02-20", 1, null, false);
        String withoutService = ticket(contractB, null);
        TimeLoggedBeforeKnownResources.log(events, withoutService, "ghost", LocalDate.parse("2026-02-15"), "1");
    }

    private String ticket(String contract, String service) {
        return created(api.post("/api/tickets", service == null
                ? Map.of("companyId", acme, "title", "Work", "contractId", contract)
                : Map.of("companyId", acme, "title", "Work", "contractId", contract, "contractServiceId", service)));
    }

    private void time(String ticket, String resource, String date, double hours, Double toBill, boolean billable) {
        Map<String, Object> entry = toBill == null
                ? Map.of("resourceId", resource, "workDate", date, "hoursWorked", hours, "billable", billable)
                : Map.of("resourceId", resource, "workDate", date, "hoursWorked", hours, "hoursToBill", toBill,
                         "billable", billable);
        created(api.post("/api/tickets/" + ticket + "/time-entries", entry));
    }

    /** The report once the projection has all the contract's entries: its hours show them (5 for A, 8 for B). */
    private JsonNode caughtUp(String contract, int hours) {
        return readUntil(report(contract), r -> r.status() == 200
                && r.json().path("figures").path("labourHours").asInt() == hours).json();
    }

    private static void assertFigures(JsonNode figures, String revenue, String hours, String labour, String other,
                                      String profit, String margin, String hourly) {
        assertThat(figures.path("revenue").decimalValue()).isEqualByComparingTo(revenue);
        assertThat(figures.path("labourHours").decimalValue()).isEqualByComparingTo(hours);
        assertThat(figures.path("labourCost").decimalValue()).isEqualByComparingTo(labour);
        assertThat(figures.path("otherCost").decimalValue()).isEqualByComparingTo(other);
        assertThat(figures.path("profit").decimalValue()).isEqualByComparingTo(profit);
        assertThat(figures.path("marginPercent").decimalValue()).isEqualByComparingTo(margin);
        assertThat(figures.path("effectiveHourlyRate").decimalValue()).isEqualByComparingTo(hourly);
    }

    private static JsonNode row(JsonNode overview, String contractId) {
        for (JsonNode contract : overview) {
            if (contract.path("contractId").asText().equals(contractId)) {
                return contract;
            }
        }
        throw new AssertionError("no contract " + contractId + " in " + overview);
    }

    private static JsonNode line(JsonNode detail, String serviceId) {
        for (JsonNode service : detail.path("services")) {
            if (service.path("serviceId").asText().equals(serviceId)) {
                return service;
            }
        }
        throw new AssertionError("no line " + serviceId + " in " + detail);
    }

    @Test
    void perContractAndPerServiceTheFiguresAreExactlyTheHandComputedOnes() {
        JsonNode a = caughtUp(contractA, 5);
        assertFigures(a.path("figures"), "1649.03", "5", "230", "679.68", "739.35", "44.84", "329.81");
        assertFigures(line(a, s1).path("figures"), "1049.03", "5", "230", "379.68", "439.35", "41.88", "209.81");
        assertThat(line(a, s2).path("figures").path("revenue").decimalValue()).isEqualByComparingTo("600");
        assertThat(line(a, s2).path("figures").path("otherCost").decimalValue()).isEqualByComparingTo("300");
        assertThat(line(a, s2).path("periods").get(0).path("days").asInt()).isEqualTo(45);
        assertThat(line(a, s1).path("periods").get(0).path("days").asInt()).as("the partial month").isEqualTo(17);
        assertThat(line(a, s1).path("entries")).as("the entries behind the figures, March excluded").hasSize(3);

        JsonNode b = caughtUp(contractB, 8);
        assertFigures(b.path("figures"), "780", "8", "310", "0", "470", "60.26", "97.50");
        assertThat(b.path("figures").path("hoursWithoutCostRate").decimalValue()).isEqualByComparingTo("1");
        assertFigures(line(b, s3).path("figures"), "660", "7", "310", "0", "350", "53.03", "94.29");
        JsonNode noService = line(b, "no-service");
        assertThat(noService.path("figures").path("revenue").decimalValue()).isEqualByComparingTo("120");
        assertThat(noService.path("entries").get(0).path("costRateMissing").asBoolean()).isTrue();
        JsonNode rateChanged = line(b, s3).path("entries").get(1);
        assertThat(rateChanged.path("date").asText()).isEqualTo("2026-02-01");
        assertThat(rateChanged.path("labourCost").decimalValue()).as("February's rate").isEqualByComparingTo("100");

        JsonNode overview = api.get("/api/reports/profitability/contracts?" + RANGE).json();
        assertThat(row(overview, contractA).path("figures").path("profit").decimalValue()).isEqualByComparingTo("739.35");
        assertThat(row(overview, contractB).path("figures").path("profit").decimalValue()).isEqualByComparingTo("470");
    }

    @Test
    void theSameFiguresAsCsv() {
        caughtUp(contractB, 8);
        caughtUp(contractA, 5);
        ApiClient.Response overview = api.get("/api/reports/profitability/contracts?" + RANGE + "&format=csv");
        assertThat(overview.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        String csv = new String(overview.bytes());
        assertThat(csv.lines().findFirst()).contains("contractId,contractName,serviceId,serviceName,revenue,labourHours,"
                + "labourCost,otherCost,profit,marginPercent,effectiveHourlyRate,hoursWithoutCostRate");
        assertThat(csv).contains("\"" + contractA + "\",\"A Managed services\",,,1649.03,5.00,230.00,679.68,739.35,44.84,329.81,0.00")
                       .contains("\"" + contractB + "\",\"B Project support\",,,780.00,8.00,310.00,0.00,470.00,60.26,97.50,1.00");
        String perService = new String(api.get(report(contractB), "Accept", "text/csv").bytes());
        assertThat(perService).contains("\"" + s3 + "\",\"Remote support\",660.00,7.00,310.00,0.00,350.00,53.03,94.29,0.00");
    }

    @Test
    void aNameASpreadsheetWouldTakeForAFormulaStaysText() {
        String formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
        String contract = created(api.post("/api/contracts", Map.of("companyId", acme, "name", formula,
                "type", "RECURRING_SERVICE", "startDate", "2026-01-01", "endDate", "2026-12-31")));
        created(api.post("/api/contracts/" + contract + "/services", Map.of("name", "-1+2", "unitPrice", 5,
                "unitCost", 10, "units", 1, "period", "MONTHLY")));
        String csv = await().atMost(Duration.ofSeconds(30)).until(
                () -> new String(api.get(report(contract) + "&format=csv").bytes()), text -> text.contains("-1+2"));
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"")
                       .contains("\"'-1+2\"").doesNotContain(",\"=HYPERLINK");
        assertThat(csv).contains(",-10.00,");   // a negative figure stays a number
    }

    /**
     * Moved to contract B, the ticket's stored hours earn B's 120/h; A keeps its fee and loses their cost. So too
     * after a rebuild, where the opening, the hours and the move come in one batch, written in two parts around a
     * change of rates (rates are read from the tables, so the entries before it are written first).
     */
    @Test
    void aTicketMovedToAnotherContractTakesItsEntriesAlongRecomputed() {
        caughtUp(contractA, 5);
        caughtUp(contractB, 8);
        String moving = ticket(contractA, s1);
        time(moving, tina, "2026-02-16", 2, null, true);
        caughtUp(contractA, 7);
        assertThat(api.post("/api/resources/" + tina + "/rates", Map.of("effectiveFrom", "2027-01-01",
                "internalCostRate", 60, "billingRate", 130)).status()).as("after the report's range").isEqualTo(204);
        assertThat(api.put("/api/tickets/" + moving + "/contract", Map.of("contractId", contractB)).status())
                .isEqualTo(204);
        JsonNode b = caughtUp(contractB, 10);
        assertThat(b.path("figures").path("revenue").decimalValue()).as("780 + 2 h x 120").isEqualByComparingTo("1020");
        assertThat(caughtUp(contractA, 5).path("figures").path("revenue").decimalValue()).isEqualByComparingTo("1649.03");

        assertThat(api.post("/api/admin/projections/profitability/rebuild", Map.of()).status()).isEqualTo(202);
        assertThat(caughtUp(contractB, 10).path("figures").path("revenue").decimalValue()).as("after a rebuild")
                .isEqualByComparingTo("1020");
    }

    @Test
    void aReplayGivesIdenticalReports() {
        JsonNode a = caughtUp(contractA, 5);
        JsonNode b = caughtUp(contractB, 8);
        StreamingEventProcessor processor = profitability();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get(report(contractA)).json().equals(a)
                                                          && api.get(report(contractB)).json().equals(b));
    }

    /**
     * Events delivered again over the rows they wrote, without a reset (as after a rebuild's direct replay that
     * stopped half-way): the same figures, and nothing parked.
     */
    @Test
    void eventsDeliveredAgainOverTheirRowsChangeNothing() {
        JsonNode a = caughtUp(contractA, 5);
        JsonNode b = caughtUp(contractB, 8);
        StreamingEventProcessor processor = profitability();
        processor.shutDown();
        assertThat(jdbc.update("update token_entry set token = null, token_type = null where processor_name = ?",
                ProfitabilityProjection.PROCESSING_GROUP)).isPositive();
        processor.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream().allMatch(status -> status.isCaughtUp()
                && status.getCurrentPosition().orElse(-1) >= events.createHeadToken().position().orElse(0)));
        assertThat(api.get("/api/admin/dead-letters").json().findValuesAsText("processor"))
                .doesNotContain(ProfitabilityProjection.PROCESSING_GROUP);
        assertThat(api.get(report(contractA)).json()).isEqualTo(a);
        assertThat(api.get(report(contractB)).json()).isEqualTo(b);
    }

    private StreamingEventProcessor profitability() {
        return processing.eventProcessor(ProfitabilityProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                         .orElseThrow();
    }

    private static String report(String contract) {
        return "/api/reports/profitability/contracts/" + contract + "?" + RANGE;
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefused() {
        assertThat(api.get("/api/reports/profitability/contracts?from=2026-03-01&to=2026-02-01").status()).isEqualTo(400);
        assertThat(api.get("/api/reports/profitability/contracts?from=2026-03-01").status()).isEqualTo(400);
        assertThat(api.get("/api/reports/profitability/contracts/nope?" + RANGE).status()).isEqualTo(404);
    }
}
