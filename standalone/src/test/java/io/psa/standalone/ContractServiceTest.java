package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.api.contract.SlaHours;
import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's example over REST: one company, the mail server under a contract with a fast 24x7 SLA, the printer on
 * the third floor under a contract with office hours. Alerts on both give tickets with different contracts,
 * priorities and due times.
 */
class ContractServiceTest extends ApiTest {
    private static final Map<String, Object> PREMIUM_TARGETS = Map.of(
            "1", Map.of("firstResponse", 15, "resolutionPlan", 60, "resolved", 240),
            "2", Map.of("firstResponse", 30, "resolutionPlan", 120, "resolved", 480),
            "3", Map.of("firstResponse", 60, "resolutionPlan", 240, "resolved", 960),
            "4", Map.of("firstResponse", 120, "resolutionPlan", 480, "resolved", 1920));
    private static final Map<String, Object> OFFICE_TARGETS = Map.of(
            "1", Map.of("firstResponse", 60, "resolutionPlan", 240, "resolved", 480),
            "2", Map.of("firstResponse", 120, "resolutionPlan", 480, "resolved", 960),
            "3", Map.of("firstResponse", 240, "resolutionPlan", 960, "resolved", 2400),
            "4", Map.of("firstResponse", 480, "resolutionPlan", 1440, "resolved", 4800));
    private static final SlaHours BERLIN_OFFICE = SlaHours.businessHours("Europe/Berlin",
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(17, 0));
    private static final String THIS_YEAR_START = LocalDate.now().withDayOfYear(1).toString();
    private static final String THIS_YEAR_END = LocalDate.now().withDayOfYear(1).plusYears(1).minusDays(1).toString();

    private String mailContract;
    private String mailService;
    private String printerContract;
    private String printerService;
    private String mailServer;
    private String printer;

    @BeforeEach
    void theSeedsExample() {
        String premium = created(api.post("/api/slas", Map.of("name", "Premium 24x7", "hours", "24x7",
                "targets", PREMIUM_TARGETS, "defaultPriority", 2, "severityPriorities", Map.of("CRITICAL", 1))));
        String office = created(api.post("/api/slas", Map.of("name", "Office hours", "hours", Map.of(
                        "timeZone", "Europe/Berlin", "weekdays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY",
                                "FRIDAY"), "start", "08:00", "end", "17:00"),
                "targets", OFFICE_TARGETS, "defaultPriority", 3, "severityPriorities", Map.of("CRITICAL", 2))));
        mailContract = contract(acme, "Mail premium", THIS_YEAR_START, THIS_YEAR_END, premium);
        mailService = service(mailContract, "Server monitoring");
        printerContract = contract(acme, "Printers", THIS_YEAR_START, THIS_YEAR_END, office);
        printerService = service(printerContract, "Printer care");
        mailServer = created(api.post("/api/devices", Map.of("companyId", acme, "name", "Mail server", "type", "SERVER",
                "serialNumber", "MS-1", "rmmDeviceId", "rmm-mail-" + acme, "contractId", mailContract,
                "contractServiceId", mailService)));
        ApiClient.Response discovered = api.post("/api/devices/discoveries", Map.of("companyId", acme,
                "devices", List.of(Map.of("name", "Printer 3rd floor", "type", "PRINTER", "serialNumber", "P-3",
                        "rmmDeviceId", "rmm-printer-" + acme)),
                "contractId", printerContract, "contractServiceId", printerService));
        assertThat(discovered.status()).as(discovered.toString()).isEqualTo(201);
        printer = discovered.json().path("deviceIds").get(0).asText();
    }

    private String contract(String company, String name, String start, String end, String slaId) {
        return created(api.post("/api/contracts", slaId == null
                ? Map.of("companyId", company, "name", name, "type", "RECURRING_SERVICE", "startDate", start,
                         "endDate", end)
                : Map.of("companyId", company, "name", name, "type", "RECURRING_SERVICE", "startDate", start,
                         "endDate", end, "slaId", slaId, "hourlyRate", 120)));
    }

    private String service(String contract, String name) {
        return created(api.post("/api/contracts/" + contract + "/services", Map.of("name", name, "unitPrice", 150,
                "unitCost", 40, "units", 1, "period", "MONTHLY")));
    }

    private ApiClient.Response alert(Map<String, Object> alert) {
        return api.post("/api/alerts", alert);
    }

    private JsonNode ticket(String ticketId) {
        return readUntil("/api/tickets/" + ticketId, r -> r.status() == 200 && !r.json().path("sla").isNull()).json();
    }

    private static Instant due(JsonNode ticket, String target) {
        return Instant.parse(ticket.path("sla").path("targets").path(target).path("due").asText());
    }

    @Test
    void alertsOnBothDevicesGiveTicketsWithTheirOwnContractPriorityAndDueTimes() {
        ApiClient.Response mailAlert = alert(Map.of("rmmAlertId", "a-1", "rmmDeviceId", "rmm-mail-" + acme,
                "severity", "CRITICAL", "title", "SMTP not answering", "message", "port 25 closed"));
        assertThat(mailAlert.status()).as(mailAlert.toString()).isEqualTo(201);
        ApiClient.Response printerAlert = alert(Map.of("rmmAlertId", "a-2", "deviceId", printer,
                "severity", "WARNING", "title", "Toner low"));
        assertThat(printerAlert.status()).isEqualTo(201);

        JsonNode mailTicket = ticket(mailAlert.json().path("ticketId").asText());
        assertThat(mailTicket.path("deviceId").asText()).isEqualTo(mailServer);
        assertThat(mailTicket.path("contractId").asText()).isEqualTo(mailContract);
        assertThat(mailTicket.path("contractServiceId").asText()).isEqualTo(mailService);
        assertThat(mailTicket.path("priority").asInt()).isEqualTo(1);
        assertThat(mailTicket.path("sla").path("name").asText()).isEqualTo("Premium 24x7");
        Instant mailOpened = Instant.parse(mailTicket.path("openedAt").asText());
        assertThat(due(mailTicket, "FIRST_RESPONSE")).isEqualTo(mailOpened.plus(Duration.ofMinutes(15)));
        assertThat(due(mailTicket, "RESOLVED")).isEqualTo(mailOpened.plus(Duration.ofMinutes(240)));
        assertThat(mailTicket.path("sla").path("targets").path("FIRST_RESPONSE").path("state").asText())
                .isEqualTo("RUNNING");

        JsonNode printerTicket = ticket(printerAlert.json().path("ticketId").asText());
        assertThat(printerTicket.path("contractId").asText()).isEqualTo(printerContract);
        assertThat(printerTicket.path("contractServiceId").asText()).isEqualTo(printerService);
        assertThat(printerTicket.path("priority").asInt()).as("WARNING is not mapped: the SLA's default").isEqualTo(3);
        Instant printerOpened = Instant.parse(printerTicket.path("openedAt").asText());
        assertThat(due(printerTicket, "FIRST_RESPONSE"))
                .isEqualTo(BERLIN_OFFICE.plus(printerOpened, Duration.ofMinutes(240)));
        assertThat(due(printerTicket, "RESOLVED")).isEqualTo(BERLIN_OFFICE.plus(printerOpened, Duration.ofMinutes(2400)));

        JsonNode byDevice = readUntil("/api/tickets?deviceId=" + printer, r -> r.json().path("totalItems").asInt() == 1)
                .json();
        assertThat(byDevice.path("items").get(0).path("title").asText()).isEqualTo("Toner low");
    }

    @Test
    void theSameConditionWhileItsTicketIsOpenBecomesANote() {
        Map<String, Object> smtpDown = Map.of("rmmAlertId", "a-1", "deviceId", mailServer, "severity", "CRITICAL",
                "title", "SMTP not answering");
        String ticketId = alert(smtpDown).json().path("ticketId").asText();
        long events = storedEvents();

        ApiClient.Response again = alert(Map.of("rmmAlertId", "a-9", "deviceId", mailServer, "severity", "CRITICAL",
                "title", "SMTP not answering", "message", "still closed"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("ticketId").asText()).isEqualTo(ticketId);
        assertThat(storedEvents()).as("a note and the alert, no new ticket").isEqualTo(events + 2);
        JsonNode ticket = readUntil("/api/tickets/" + ticketId, r -> r.json().path("alerts").size() == 2).json();
        assertThat(ticket.path("notes").get(0).path("content").path("title").asText()).contains("Alert again");

        assertThat(alert(Map.of("deviceId", mailServer, "title", "Disk full")).status())
                .as("another condition is another problem").isEqualTo(201);
        api.post("/api/tickets/" + ticketId + "/status", Map.of("status", "COMPLETE"));
        ApiClient.Response afterCompletion = alert(smtpDown);
        assertThat(afterCompletion.status()).isEqualTo(201);
        assertThat(afterCompletion.json().path("ticketId").asText()).isNotEqualTo(ticketId);
    }

    @Test
    void identicalAlertsArrivingTogetherOpenOneTicket() throws Exception {
        ExecutorService monitors = Executors.newFixedThreadPool(5);
        try {
            Callable<ApiClient.Response> paperJam = () -> alert(Map.of("deviceId", printer, "title", "Paper jam"));
            List<Future<ApiClient.Response>> answers = monitors.invokeAll(
                    IntStream.range(0, 5).mapToObj(i -> paperJam).toList());
            List<String> tickets = new ArrayList<>();
            for (Future<ApiClient.Response> answer : answers) {
                assertThat(answer.get().status()).as(answer.get().toString()).isIn(200, 201);
                tickets.add(answer.get().json().path("ticketId").asText());
            }
            assertThat(tickets).as("one ticket for one problem").containsOnly(tickets.get(0));
        } finally {
            monitors.shutdownNow();
        }
        assertThat(readUntil("/api/tickets?deviceId=" + printer, r -> r.json().path("totalItems").asInt() >= 1).json().path("totalItems")
                .asInt()).isEqualTo(1);
    }

    @Test
    void anAlertForAnUnknownDeviceIsRefusedAndStoresNothing() {
        long events = storedEvents();
        ApiClient.Response unknown = alert(Map.of("rmmDeviceId", "rmm-nobody-knows", "title", "Ping lost"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("rule").asText()).isEqualTo("known-device");
        assertThat(alert(Map.of("title", "No device named")).status()).isEqualTo(400);
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void theCompanyDefaultAppliesUnlessTheDeviceHasAContractAndAPersonMayChangeIt() {
        String desk = contract(acme, "Service desk", THIS_YEAR_START, THIS_YEAR_END, null);
        assertThat(api.put("/api/companies/" + acme + "/default-contract", Map.of("contractId", desk)).status())
                .isEqualTo(204);
        String workstation = created(api.post("/api/devices", Map.of("companyId", acme, "name", "Workstation 12")));

        String plain = created(api.post("/api/tickets", Map.of("companyId", acme, "title", "Password reset")));
        String onWorkstation = created(api.post("/api/tickets", Map.of("companyId", acme, "title", "Slow",
                "deviceId", workstation)));
        String onMailServer = created(api.post("/api/tickets", Map.of("companyId", acme, "title", "Mailbox full",
                "deviceId", mailServer)));

        assertThat(readUntil("/api/tickets/" + plain, r -> r.status() == 200).json().path("contractId").asText())
                .isEqualTo(desk);
        assertThat(readUntil("/api/tickets/" + onWorkstation, r -> r.status() == 200).json().path("contractId")
                .asText()).isEqualTo(desk);
        JsonNode manual = ticket(onMailServer);
        assertThat(manual.path("contractId").asText()).isEqualTo(mailContract);
        assertThat(manual.path("priority").asInt()).as("the premium SLA's default").isEqualTo(2);

        assertThat(api.put("/api/tickets/" + onMailServer + "/contract", Map.of("contractId", desk)).status())
                .isEqualTo(204);
        assertThat(readUntil("/api/tickets/" + onMailServer,
                r -> r.json().path("contractId").asText().equals(desk)).status()).isEqualTo(200);
    }

    @Test
    void anExpiredContractIsNotAppliedAndTheTicketSaysSo() {
        String expired = contract(acme, "Old maintenance", "2020-01-01", "2020-12-31", null);
        String expiredService = service(expired, "Old care");
        String oldBox = created(api.post("/api/devices", Map.of("companyId", acme, "name", "Old box",
                "contractId", expired, "contractServiceId", expiredService)));

        String ticketId = alert(Map.of("deviceId", oldBox, "title", "Fan failure")).json().path("ticketId").asText();
        JsonNode ticket = readUntil("/api/tickets/" + ticketId, r -> r.json().path("notes").size() == 1).json();
        assertThat(ticket.path("contractId").isNull()).isTrue();
        assertThat(ticket.path("notes").get(0).path("content").path("text").asText())
                .contains("Old maintenance").contains("2020-12-31");
        assertThat(ticket.path("notes").get(0).path("author").asText()).isEqualTo("system");
    }

    @Test
    void devicesLinkOnlyToContractsOfTheirCompanyAndABulkLinkIsAllOrNothing() {
        String globex = company("Globex");
        String globexContract = contract(globex, "Globex care", THIS_YEAR_START, THIS_YEAR_END, null);
        String globexService = service(globexContract, "Care");
        ApiClient.Response crossCompany = api.put("/api/devices/" + printer + "/contract",
                Map.of("contractId", globexContract, "contractServiceId", globexService));
        assertThat(crossCompany.status()).isEqualTo(409);
        assertThat(crossCompany.json().path("rule").asText()).isEqualTo("contract-of-the-devices-company");
        ApiClient.Response otherService = api.put("/api/devices/" + printer + "/contract",
                Map.of("contractId", mailContract, "contractServiceId", printerService));
        assertThat(otherService.json().path("rule").asText()).isEqualTo("device-service-of-the-contract");

        String spare = created(api.post("/api/devices", Map.of("companyId", acme, "name", "Spare switch")));
        long events = storedEvents();
        ApiClient.Response bulk = api.post("/api/contracts/" + mailContract + "/devices",
                Map.of("deviceIds", List.of(spare, "no-such-device"), "contractServiceId", mailService));
        assertThat(bulk.status()).isEqualTo(404);
        assertThat(storedEvents()).as("the first device was not linked either").isEqualTo(events);

        assertThat(api.post("/api/contracts/" + mailContract + "/devices",
                Map.of("deviceIds", List.of(spare, printer), "contractServiceId", mailService)).status()).isEqualTo(204);
        JsonNode linked = readUntil("/api/devices?contractId=" + mailContract + "&contractServiceId=" + mailService,
                r -> r.json().path("totalItems").asLong() == 3).json().path("items");
        assertThat(linked.findValuesAsText("name")).containsExactlyInAnyOrder("Mail server", "Spare switch",
                "Printer 3rd floor");
        assertThat(readUntil("/api/devices?companyId=" + acme, r -> r.json().path("totalItems").asLong() == 3).json()
                .path("items")).hasSize(3);

        ApiClient.Response contractAnswer = readUntil("/api/contracts/" + mailContract,
                r -> r.json().path("devices").size() == 3);
        JsonNode contract = contractAnswer.json();
        assertThat(contract.path("services").get(0).path("name").asText()).isEqualTo("Server monitoring");
        assertThat(contractAnswer.toString()).as("money with its 2 decimals").contains("\"hourlyRate\":120.00")
                                             .contains("\"unitPrice\":150.00");
        assertThat(api.delete("/api/devices/" + printer + "/contract").status()).isEqualTo(204);
        assertThat(api.delete("/api/devices/" + printer + "/contract").json().path("rule").asText())
                .isEqualTo("device-is-linked");
    }

    @Test
    void aMonitoringIdIsRegisteredOnce() {
        ApiClient.Response duplicate = api.post("/api/devices", Map.of("companyId", acme, "name", "Clone",
                "rmmDeviceId", "rmm-mail-" + acme));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().path("rule").asText()).isEqualTo("rmm-device-id-unique");
    }
}
