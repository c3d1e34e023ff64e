package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts the monitoring sent, each with its ticket, newest first, filtered and paged. */
class AlertListApiTest extends ApiTest {
    @Test
    void everyAlertIsListedWithTheTicketItOpenedOrWasAddedTo() {
        String mail = created(api.post("/api/devices", Map.of("companyId", acme, "name", "Mail server")));
        String printer = created(api.post("/api/devices", Map.of("companyId", acme, "name", "Printer")));
        String globex = company("Globex");
        String router = created(api.post("/api/devices", Map.of("companyId", globex, "name", "Router")));
        String mailTicket = alert(mail, "SMTP down", "CRITICAL", "2026-03-10T10:00:00Z");
        assertThat(alert(mail, "SMTP down", "CRITICAL", "2026-03-10T10:05:00Z")).as("the same condition")
                .isEqualTo(mailTicket);
        String printerTicket = alert(printer, "Toner low", "warning", "2026-03-10T09:00:00Z");
        String routerTicket = alert(router, "Link down", "CRITICAL", "2026-03-10T11:00:00Z");

        JsonNode acmes = readUntil("/api/alerts?companyId=" + acme, r -> r.json().path("totalItems").asInt() == 3)
                .json();
        assertThat(summaries(acmes)).containsExactly(
                mailTicket + " SMTP down 2026-03-10T10:05:00Z added",
                mailTicket + " SMTP down 2026-03-10T10:00:00Z opened",
                printerTicket + " Toner low 2026-03-10T09:00:00Z opened");
        assertThat(acmes.path("items").get(2).path("deviceId").asText()).isEqualTo(printer);
        assertThat(summaries(api.get("/api/alerts?deviceId=" + mail + "&sort=raisedAt").json())).containsExactly(
                mailTicket + " SMTP down 2026-03-10T10:00:00Z opened",
                mailTicket + " SMTP down 2026-03-10T10:05:00Z added");
        assertThat(summaries(api.get("/api/alerts?severity=critical&companyId=" + globex).json()))
                .containsExactly(routerTicket + " Link down 2026-03-10T11:00:00Z opened");
        assertThat(summaries(api.get("/api/alerts?ticketId=" + printerTicket).json())).hasSize(1);

        JsonNode page = api.get("/api/alerts?companyId=" + acme + "&size=2&page=1").json();
        assertThat(page.path("totalItems").asInt()).isEqualTo(3);
        assertThat(summaries(page)).containsExactly(printerTicket + " Toner low 2026-03-10T09:00:00Z opened");
        assertThat(api.get("/api/alerts?sort=severity").status()).isEqualTo(400);
        assertThat(api.get("/api/alerts?size=501").status()).isEqualTo(400);
    }

    private String alert(String deviceId, String title, String severity, String raisedAt) {
        return api.post("/api/alerts", Map.of("deviceId", deviceId, "title", title, "severity", severity,
                "raisedAt", raisedAt)).json().path("ticketId").asText();
    }

    private static List<String> summaries(JsonNode page) {
        List<String> lines = new ArrayList<>();
        page.path("items").forEach(alert -> lines.add(alert.path("ticketId").asText() + " "
                + alert.path("title").asText() + " " + alert.path("raisedAt").asText() + " "
                + (alert.path("openedTheTicket").asBoolean() ? "opened" : "added")));
        return lines;
    }
}
