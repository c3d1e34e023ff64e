package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dispatcher's changes over the REST API: title, description and priority (the SLA's due times following),
 * assignment to a technician and a queue; each in the history with its actor, and the list filtered by them.
 */
class TicketChangesApiTest extends ApiTest {

    @Test
    void editsAndAssignmentsShowInTheDetailAndTheHistoryWithTheirActor() {
        String dispatcher = api.post("/api/users", Map.of("name", "dora", "roles", List.of("TECHNICIAN")))
                               .json().path("token").asText();
        ApiClient dora = api.as(dispatcher);
        String tina = created(api.post("/api/resources", Map.of("name", "Tina", "internalCostRate", 40,
                "billingRate", 90)));
        String ticket = openTicket(acme, "Printer");

        assertThat(dora.put("/api/tickets/" + ticket + "/details", Map.of("title", "Printer on floor 3 jams",
                "description", "tray 2")).status()).isEqualTo(204);
        assertThat(dora.put("/api/tickets/" + ticket + "/priority", Map.of("priority", 2)).status()).isEqualTo(204);
        assertThat(dora.put("/api/tickets/" + ticket + "/assignment", Map.of("resourceId", tina,
                "queue", "Field service")).status()).isEqualTo(204);

        JsonNode detail = readUntil("/api/tickets/" + ticket,
                r -> "Field service".equals(r.json().path("queue").asText(null))).json();
        assertThat(detail.path("title").asText()).isEqualTo("Printer on floor 3 jams");
        assertThat(detail.path("description").asText()).isEqualTo("tray 2");
        assertThat(detail.path("priority").asInt()).isEqualTo(2);
        assertThat(detail.path("assignedResourceId").asText()).isEqualTo(tina);

        JsonNode history = api.get("/api/tickets/" + ticket + "/history").json();
        List<String> changes = new ArrayList<>();
        history.forEach(event -> {
            if (!event.path("type").asText().equals("TicketOpened")) {
                changes.add(event.path("type").asText() + " by " + event.path("actor").asText());
            }
        });
        assertThat(changes).containsExactly("TicketDetailsChanged by dora", "TicketPriorityChanged by dora",
                "TicketAssigned by dora");

        assertThat(dora.delete("/api/tickets/" + ticket + "/assignment").status()).isEqualTo(204);
        JsonNode unassigned = readUntil("/api/tickets/" + ticket,
                r -> r.json().path("queue").isNull()).json();
        assertThat(unassigned.path("assignedResourceId").isNull()).isTrue();
    }

    @Test
    void aPriorityChangeMovesTheRunningDueTimes() {
        String contract = contractUnder24x7Sla(acme, "Desk");
        String ticket = created(api.post("/api/tickets", Map.of("companyId", acme, "title", "VPN down",
                "contractId", contract)));
        JsonNode before = readUntil("/api/tickets/" + ticket, r -> !r.json().path("sla").isMissingNode()
                                                                   && !r.json().path("sla").isNull()).json();
        Instant resolvedBefore = Instant.parse(before.path("sla").path("targets").path("RESOLVED").path("due").asText());

        assertThat(api.put("/api/tickets/" + ticket + "/priority", Map.of("priority", 1)).status()).isEqualTo(204);
        JsonNode after = readUntil("/api/tickets/" + ticket, r -> r.json().path("priority").asInt() == 1).json();
        Instant resolvedAfter = Instant.parse(after.path("sla").path("targets").path("RESOLVED").path("due").asText());
        assertThat(Duration.between(resolvedAfter, resolvedBefore)).as("960 - 240 minutes earlier")
                .isEqualTo(Duration.ofMinutes(720));
    }

    @Test
    void anUnknownResourceIsRefusedAndNothingIsStored() {
        String ticket = openTicket(acme, "Mail");
        long stored = storedEvents();
        ApiClient.Response refused = api.put("/api/tickets/" + ticket + "/assignment",
                Map.of("resourceId", "no-such-resource"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("rule").asText()).isEqualTo("known-resource");
        ApiClient.Response aCompany = api.put("/api/tickets/" + ticket + "/assignment", Map.of("resourceId", acme));
        assertThat(aCompany.status()).as("the id of a company is no resource").isEqualTo(422);
        assertThat(storedEvents()).isEqualTo(stored);
    }

    @Test
    void theListIsFilteredByAssignedResourceQueueAndSeveralStatuses() {
        String company = company("Dispatch Co");
        String tina = created(api.post("/api/resources", Map.of("name", "Tina", "internalCostRate", 40,
                "billingRate", 90)));
        String tinasTicket = openTicket(company, "Tina's");
        String queuedTicket = openTicket(company, "Queued");
        String doneTicket = openTicket(company, "Done");
        api.put("/api/tickets/" + tinasTicket + "/assignment", Map.of("resourceId", tina));
        api.put("/api/tickets/" + queuedTicket + "/assignment", Map.of("queue", "Level 2"));
        api.post("/api/tickets/" + queuedTicket + "/status", Map.of("status", "IN_PROGRESS"));
        api.post("/api/tickets/" + doneTicket + "/status", Map.of("status", "COMPLETE"));
        readUntil("/api/tickets?companyId=" + company + "&status=COMPLETE",
                r -> r.json().path("totalItems").asLong() == 1);

        assertThat(ids("/api/tickets?companyId=" + company + "&assignedResourceId=" + tina))
                .containsExactly(tinasTicket);
        assertThat(ids("/api/tickets?companyId=" + company + "&queue=Level%202")).containsExactly(queuedTicket);
        assertThat(ids("/api/tickets?companyId=" + company + "&status=NEW&status=IN_PROGRESS"))
                .containsExactlyInAnyOrder(tinasTicket, queuedTicket);
        assertThat(ids("/api/tickets?companyId=" + company + "&status=NEW,COMPLETE"))
                .containsExactlyInAnyOrder(tinasTicket, doneTicket);
        JsonNode line = api.get("/api/tickets?companyId=" + company + "&queue=Level%202").json().path("items").get(0);
        assertThat(line.path("queue").asText()).isEqualTo("Level 2");
    }

    @Test
    void aDispatchersQueueFiltersByDueTimeTextAndOutsourcingAndSortsByDueTime() {
        String company = company("Queue Co");
        String contract = contractUnder24x7Sla(company, "Queue desk");
        String low = created(api.post("/api/tickets", Map.of("companyId", company, "title", "1000 pages printed",
                "contractId", contract, "priority", 4)));
        String urgent = created(api.post("/api/tickets", Map.of("companyId", company, "title", "VPN down at 100%",
                "contractId", contract, "priority", 1)));
        String withoutSla = openTicket(company, "vpn client question");
        readUntil("/api/tickets?companyId=" + company + "&sort=due",
                r -> r.json().path("items").findValues("nextSlaDueAt").stream().filter(due -> !due.isNull()).count() == 2
                     && r.json().path("totalItems").asLong() == 3);

        assertThat(ids("/api/tickets?companyId=" + company + "&sort=due")).containsExactly(urgent, low, withoutSla);
        assertThat(ids("/api/tickets?companyId=" + company + "&sort=priority")).containsExactly(urgent, withoutSla, low);
        assertThat(ids("/api/tickets?companyId=" + company + "&dueWithinMinutes=30")).containsExactly(urgent);
        assertThat(ids("/api/tickets?companyId=" + company + "&q=VPN")).containsExactlyInAnyOrder(urgent, withoutSla);
        assertThat(ids("/api/tickets?companyId=" + company + "&q=100%25")).as("% is a character, not a wildcard")
                .containsExactly(urgent);
        assertThat(ids("/api/tickets?companyId=" + company + "&outsourcingStatus=ASSIGNED,ACCEPTED")).isEmpty();
        assertThat(ids("/api/tickets?companyId=" + company + "&q=VPN,%20again")).as("a comma in the text is text")
                .isEmpty();
        assertThat(ids("/api/tickets?companyId=" + company + "&slaMissed=false")).hasSize(3);
        for (String bad : List.of("sort=age", "dueWithinMinutes=-1", "outsourcingStatus=LOST", "status=OPEN",
                "slaMissed=perhaps", "size=501")) {
            assertThat(api.get("/api/tickets?" + bad).status()).as(bad).isEqualTo(400);
        }
        assertThat(ids("/api/tickets?companyId=" + company + "&status=NEW,")).as("an empty value is no filter")
                .hasSize(3);
        assertThat(ids("/api/tickets?companyId=" + company + "&status=NEW&status=")).hasSize(3);
    }

    @Test
    void theListByLastActivityPutsTheTicketWorkedOnLastFirst() {
        String company = company("Activity Co");
        String first = openTicket(company, "first opened");
        String second = openTicket(company, "second opened");
        String third = openTicket(company, "third opened");
        created(api.post("/api/tickets/" + first + "/notes",
                Map.of("title", "n", "text", "worked on again", "visibility", "INTERNAL")));
        readUntil("/api/tickets?companyId=" + company + "&sort=updated",
                r -> r.json().path("totalItems").asLong() == 3
                     && r.json().path("items").get(0).path("ticketId").asText().equals(first));

        assertThat(ids("/api/tickets?companyId=" + company + "&sort=updated")).containsExactly(first, third, second);
        JsonNode secondPage = api.get("/api/tickets?companyId=" + company + "&sort=updated&status=NEW&size=1&page=1")
                                 .json();
        assertThat(secondPage.path("items").findValuesAsText("ticketId")).containsExactly(third);
        assertThat(secondPage.path("totalItems").asLong()).isEqualTo(3);
    }

    private List<String> ids(String path) {
        ApiClient.Response answer = api.get(path);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode page = answer.json();
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("ticketId").asText()));
        assertThat(page.path("totalItems").asLong()).isEqualTo(ids.size());
        return ids;
    }

    /** A contract of {@code company} under a 24x7 SLA: 15 / 60 / 240 minutes at priority 1 to 120 / 480 / 1920 at 4. */
    private String contractUnder24x7Sla(String company, String name) {
        String sla = created(api.post("/api/slas", Map.of("name", name + " 24x7", "hours", "24x7", "targets", Map.of(
                "1", target(15, 60, 240), "2", target(30, 120, 480), "3", target(60, 240, 960),
                "4", target(120, 480, 1920)), "defaultPriority", 3)));
        return created(api.post("/api/contracts", Map.of("companyId", company, "name", name,
                "type", "TIME_AND_MATERIALS", "startDate", "2020-01-01", "endDate", "2099-12-31", "slaId", sla)));
    }

    private static Map<String, Object> target(int firstResponse, int plan, int resolved) {
        return Map.of("firstResponse", firstResponse, "resolutionPlan", plan, "resolved", resolved);
    }
}
