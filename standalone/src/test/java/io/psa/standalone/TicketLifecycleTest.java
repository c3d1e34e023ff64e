package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A ticket's whole life over the REST API, read back from the read model, the history and asOf. */
class TicketLifecycleTest extends ApiTest {

    @Test
    void everythingLoggedOnATicketShowsInItsDetailHistoryAndPastStates() throws Exception {
        ApiClient.Response opened = api.post("/api/tickets", Map.of("companyId", acme, "title", "Mail server down",
                "description", "No mail since 9:00", "priority", 1), "X-Correlation-Id", "call-4711");
        assertThat(opened.status()).isEqualTo(201);
        String ticket = opened.id();
        assertThat(opened.header("Location")).contains("/api/tickets/" + ticket);

        String note = api.post("/api/tickets/" + ticket + "/notes",
                Map.of("title", "Called customer", "text", "Restarting the service", "visibility", "EXTERNAL")).id();
        Instant afterNote = Instant.now();
        Thread.sleep(20);
        String tech = resource("Tech");
        String time = api.post("/api/tickets/" + ticket + "/time-entries", Map.of("resourceId", tech,
                "workDate", "2026-01-15", "hoursWorked", 1.5, "summary", "diagnosis")).id();
        String nonBillable = api.post("/api/tickets/" + ticket + "/time-entries", Map.of("resourceId", tech,
                "workDate", "2026-01-15", "hoursWorked", 0.5, "billable", false)).id();
        String charge = api.post("/api/tickets/" + ticket + "/charges", Map.of("date", "2026-01-15",
                "description", "SFP module", "quantity", 2, "unitCost", 40, "unitPrice", 65.5)).id();
        byte[] file = "maillog: queue stuck".getBytes(StandardCharsets.UTF_8);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        ApiClient.Response attached = api.postFile("/api/tickets/" + ticket + "/attachments", "mail.log", file,
                Map.of("title", "Mail log", "visibility", "INTERNAL", "sha256", sha256));
        assertThat(attached.status()).as(attached.toString()).isEqualTo(201);
        String attachment = attached.id();

        assertThat(api.put("/api/tickets/" + ticket + "/notes/" + note, Map.of("title", "Called customer",
                "text", "Service restarted", "visibility", "EXTERNAL")).status()).isEqualTo(204);
        assertThat(api.delete("/api/tickets/" + ticket + "/time-entries/" + nonBillable).status()).isEqualTo(204);
        assertThat(api.put("/api/tickets/" + ticket + "/attachments/" + attachment,
                Map.of("title", "Mail log 09:00", "visibility", "INTERNAL")).status()).isEqualTo(204);
        assertThat(api.post("/api/tickets/" + ticket + "/status", Map.of("status", "COMPLETE")).status()).isEqualTo(204);

        JsonNode detail = readUntil("/api/tickets/" + ticket,
                r -> r.status() == 200 && r.json().path("status").asText().equals("COMPLETE")).json();
        assertThat(detail.path("title").asText()).isEqualTo("Mail server down");
        assertThat(detail.path("priority").asInt()).isEqualTo(1);
        assertThat(detail.path("openedBy").asText()).isEqualTo("admin");
        assertThat(detail.path("notes")).hasSize(1);
        assertThat(detail.path("notes").get(0).path("content").path("text").asText()).isEqualTo("Service restarted");
        assertThat(detail.path("timeEntries")).hasSize(1);
        assertThat(detail.path("timeEntries").get(0).path("id").asText()).isEqualTo(time);
        assertThat(detail.path("charges").get(0).path("id").asText()).isEqualTo(charge);
        assertThat(detail.path("totals").path("hoursWorked").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(detail.path("totals").path("chargesCost").decimalValue()).isEqualByComparingTo("80");
        assertThat(detail.path("totals").path("chargesPrice").decimalValue()).isEqualByComparingTo("131");
        JsonNode storedFile = detail.path("attachments").get(0).path("content");
        assertThat(storedFile.path("details").path("title").asText()).isEqualTo("Mail log 09:00");
        assertThat(storedFile.path("file").path("sha256").asText()).isEqualTo(sha256);
        assertThat(storedFile.path("file").path("size").asLong()).isEqualTo(file.length);

        ApiClient.Response content = api.get("/api/tickets/" + ticket + "/attachments/" + attachment + "/content");
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.bytes()).isEqualTo(file);
        assertThat(content.header("ETag")).contains("\"" + sha256 + "\"");

        JsonNode history = api.get("/api/tickets/" + ticket + "/history").json();
        List<String> types = new ArrayList<>();
        history.forEach(event -> types.add(event.path("type").asText()));
        assertThat(types).containsExactly("TicketOpened", "NoteAdded", "TimeLogged", "TimeLogged", "ChargeAdded",
                "AttachmentAdded", "NoteEdited", "TimeEntryDeleted", "AttachmentEdited", "TicketStatusChanged");
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).path("sequence").asLong()).isEqualTo(i);
            assertThat(history.get(i).path("actor").asText()).isEqualTo("admin");
            assertThat(history.get(i).path("origin").asText()).isEqualTo("local");
            assertThat(history.get(i).path("timestamp").asText()).isNotBlank();
        }
        assertThat(history.get(0).path("correlationId").asText()).isEqualTo("call-4711");
        assertThat(history.get(0).path("payload").path("title").asText()).isEqualTo("Mail server down");

        JsonNode past = api.get("/api/tickets/" + ticket + "/history?asOf=" + afterNote).json();
        assertThat(past.path("status").asText()).isEqualTo("NEW");
        assertThat(past.path("notes").get(0).path("content").path("text").asText()).isEqualTo("Restarting the service");
        assertThat(past.path("timeEntries")).isEmpty();
        assertThat(api.get("/api/tickets/" + ticket + "/history?asOf=2000-01-01T00:00:00Z").status()).isEqualTo(404);
    }

    @Test
    void theListFiltersByCompanyAndStatusAndPages() {
        String listCo = company("List Co");
        String first = openTicket(listCo, "Printer jam");
        String second = openTicket(listCo, "Toner empty");
        openTicket(company("Other Co"), "VPN slow");
        api.post("/api/tickets/" + second + "/status", Map.of("status", "IN_PROGRESS"));

        JsonNode inProgress = readUntil("/api/tickets?companyId=" + listCo + "&status=IN_PROGRESS",
                r -> r.json().path("totalItems").asLong() == 1).json();
        assertThat(inProgress.path("items").get(0).path("ticketId").asText()).isEqualTo(second);
        JsonNode all = readUntil("/api/tickets?companyId=" + listCo + "&size=1",
                r -> r.json().path("totalItems").asLong() == 2).json();
        assertThat(all.path("items")).hasSize(1);
        JsonNode secondPage = api.get("/api/tickets?companyId=" + listCo + "&size=1&page=1").json();
        assertThat(List.of(all.path("items").get(0).path("ticketId").asText(),
                secondPage.path("items").get(0).path("ticketId").asText())).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void rolesDecideWhoMayWriteAndOnlyTheAuthorChangesAnItem() {
        String technicianToken = api.post("/api/users", Map.of("name", "tina", "roles", List.of("TECHNICIAN")))
                                    .json().path("token").asText();
        String auditorToken = api.post("/api/users", Map.of("name", "audrey", "roles", List.of("AUDITOR")))
                                 .json().path("token").asText();
        ApiClient technician = api.as(technicianToken);
        ApiClient auditor = api.as(auditorToken);

        String ticket = technician.post("/api/tickets", Map.of("companyId", acme, "title", "Switch down")).id();
        String adminsNote = api.post("/api/tickets/" + ticket + "/notes",
                Map.of("title", "Dispatch", "text", "Tina takes it", "visibility", "INTERNAL")).id();

        ApiClient.Response foreignEdit = technician.put("/api/tickets/" + ticket + "/notes/" + adminsNote,
                Map.of("title", "Dispatch", "text", "changed", "visibility", "INTERNAL"));
        assertThat(foreignEdit.status()).isEqualTo(409);
        assertThat(foreignEdit.json().path("rule").asText()).isEqualTo("own-items-only");

        assertThat(auditor.post("/api/tickets", Map.of("companyId", acme, "title", "x")).status()).isEqualTo(403);
        assertThat(readUntilAs(auditor, "/api/tickets/" + ticket).status()).isEqualTo(200);
        assertThat(auditor.get("/api/tickets/" + ticket + "/history").status()).isEqualTo(200);
        assertThat(technician.post("/api/users", Map.of("name", "eve", "roles", List.of("ADMIN"))).status())
                .isEqualTo(403);
        assertThat(api.as(null).get("/api/tickets").status()).isEqualTo(401);
        assertThat(api.as("psa_wrong").get("/api/tickets").status()).isEqualTo(401);
        assertThat(api.as(null).get("/api/tickets").header("Content-Type")).contains("application/problem+json");
    }

    private ApiClient.Response readUntilAs(ApiClient client, String path) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                                        .until(() -> client.get(path), r -> r.status() == 200);
    }
}
