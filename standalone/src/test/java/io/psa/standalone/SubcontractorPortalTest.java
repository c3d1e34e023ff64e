package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The subcontractor portal over HTTP as a browser uses it: the password set by a one-time link, sign-in, the
 * subcontractor's moves and items recorded on the lead's ticket with the subcontractor as the actor, the fee charged
 * once per acceptance (an acceptance sent again is refused) into the fee statement and the profitability entries,
 * and the fences: no other subcontractor's ticket, nothing INTERNAL, no way into /api, no reused code, no forged
 * session.
 */
class SubcontractorPortalTest extends ApiTest {
    private static final String PASSWORD = PortalSession.PASSWORD;

    @BeforeEach
    void outsourcingEnabled() {
        enableOutsourcing("Lead GmbH", "en");
    }

    /** Invites a subcontractor (fee 7.50), sets its password by the link and signs in; answers its agreement. */
    private String subcontractor(String name, String email, PortalSession browser) {
        return browser.join(api, name, email, "en");
    }

    private String outsourcedTicket(String agreement, String title) {
        String ticket = openTicket(acme, title);
        assertThat(api.post("/api/tickets/" + ticket + "/outsourcing", Map.of("agreementId", agreement,
                "terms", Map.of("description", "on site", "hourlyRate", 60),
                "acceptBy", dateTimeFromNow(Duration.ofDays(1)))).status()).isEqualTo(204);
        readUntil("/api/tickets/" + ticket, r -> "ASSIGNED".equals(r.json().path("outsourcing").path("status")
                .asText()));
        return ticket;
    }

    @Test
    void aSubcontractorAcceptsWorksAndReportsDoneAndTheLeadPaysTheFeeOnce() {
        PortalSession pete = new PortalSession(port);
        String agreement = subcontractor("Pete Repairs", "pete@repairs.example", pete);
        String ticket = outsourcedTicket(agreement, "Printer on floor 3");
        created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "Access", "text", "Key at the front desk",
                "visibility", "EXTERNAL")));
        created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "Internal", "text",
                "Customer owes us money", "visibility", "INTERNAL")));
        String internalFile = created(api.postFile("/api/tickets/" + ticket + "/attachments", "contract.pdf",
                "confidential".getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of("title", "Contract",
                        "visibility", "INTERNAL")));
        String page = "/portal/tickets/" + ticket;
        readUntilPage(pete, page, "Key at the front desk");
        readUntil("/api/tickets/" + ticket, r -> r.json().path("attachments").size() == 1);
        assertThat(pete.get("/portal/").body()).contains("Printer on floor 3", "ASSIGNED");
        assertThat(pete.get(page).body()).doesNotContain("Customer owes us money", "contract.pdf");
        assertThat(pete.get(page + "/attachments/" + internalFile).statusCode()).isEqualTo(404);

        assertThat(pete.post(page, page + "/accept", Map.of()).statusCode()).isEqualTo(302);
        readUntil("/api/tickets/" + ticket, r -> "ACCEPTED".equals(r.json().path("outsourcing").path("status")
                .asText()));
        pete.post(page, page + "/accept", Map.of());   // sent again: refused, no second fee
        pete.post(page, page + "/notes", Map.of("title", "Arrived", "text", "On my way to floor 3"));
        pete.post(page, page + "/time-entries", Map.of("workDate", LocalDate.now().toString(), "hoursWorked", "2"));
        assertThat(pete.post(page, page + "/complete", Map.of()).statusCode()).isEqualTo(302);

        JsonNode lead = readUntil("/api/tickets/" + ticket, r -> "WAITING_APPROVAL".equals(
                r.json().path("outsourcing").path("status").asText())).json();
        String actor = "partner:" + agreement + ":pete@repairs.example";
        assertThat(lead.path("notes").findValuesAsText("text")).contains("On my way to floor 3");
        assertThat(lead.path("charges").findValuesAsText("description")).containsExactly("Subcontractor fee: Pete Repairs");
        String feeCharge = lead.path("charges").path(0).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select other_cost from pf_entry where entry_id = ?", java.math.BigDecimal.class, feeCharge))
                .as("the fee is a cost in the profitability figures").isEqualByComparingTo("7.50"));
        assertThat(api.get("/api/tickets/" + ticket + "/history").json().findValuesAsText("actor")).contains(actor);

        assertThat(api.post("/api/tickets/" + ticket + "/outsourcing/approve", Map.of()).status()).isEqualTo(204);
        JsonNode complete = readUntil("/api/tickets/" + ticket, r -> "COMPLETE".equals(
                r.json().path("outsourcing").path("status").asText()) && r.json().path("charges").size() == 2).json();
        assertThat(complete.path("charges").findValues("unitCost")).extracting(JsonNode::decimalValue)
                .usingElementComparator(java.math.BigDecimal::compareTo)
                .contains(new java.math.BigDecimal("7.50"), new java.math.BigDecimal("60.00"));

        String today = LocalDate.now().toString();
        JsonNode fees = readUntil("/api/outsourcing/fees?from=" + today + "&to=" + today,
                r -> r.json().path("agreements").size() == 1).json();
        assertThat(fees.path("total").decimalValue()).isEqualByComparingTo("7.50");
        assertThat(fees.path("agreements").path(0).path("tickets")).hasSize(1);
        assertThat(fees.path("agreements").path(0).path("subcontractor").asText()).isEqualTo("Pete Repairs");
        assertThat(new String(api.get("/api/outsourcing/fees?from=" + today + "&to=" + today + "&format=csv").bytes()))
                .contains("\"Pete Repairs\",\"" + ticket + "\"", ",7.50");
    }

    @Test
    void aSubcontractorSeesOnlyItsOwnTicketsAndNeverTheApi() {
        PortalSession anna = new PortalSession(port);
        PortalSession bob = new PortalSession(port);
        String annas = subcontractor("Anna", "anna@example.com", anna);
        subcontractor("Bob", "bob@example.com", bob);
        String ticket = outsourcedTicket(annas, "Job for Anna");
        readUntilPage(anna, "/portal/tickets/" + ticket, "Job for Anna");

        assertThat(bob.get("/portal/tickets/" + ticket).statusCode()).isEqualTo(404);
        assertThat(bob.get("/portal/").body()).doesNotContain("Job for Anna");
        HttpResponse<String> intrusion = bob.post("/portal/", "/portal/tickets/" + ticket + "/notes",
                Map.of("title", "x", "text", "x"));
        assertThat(intrusion.statusCode()).isEqualTo(404);
        assertThat(api.get("/api/tickets/" + ticket).json().path("notes").findValuesAsText("text")).doesNotContain("x");

        assertThat(anna.withCookie("/api/tickets", anna.sessionCookie()).statusCode()).as("a portal session on the API")
                .isEqualTo(401);
        assertThat(anna.postRaw("/portal/tickets/" + ticket + "/accept", Map.of()).statusCode())
                .as("a form without its CSRF token").isEqualTo(403);
    }

    @Test
    void codesAndSessionsCannotBeReusedOrForged() {
        ApiClient.Response invited = api.post("/api/partners/invitations", Map.of("kind", "SUBCONTRACTOR",
                "name", "Carl", "email", "carl@example.com", "language", "en"));
        String link = invited.json().path("passwordLink").asText();
        String code = link.substring(link.indexOf("code=") + 5);
        PortalSession carl = new PortalSession(port);
        assertThat(carl.post("/portal/password?code=" + code, "/portal/password", Map.of("code", code,
                "password", PASSWORD, "repeated", PASSWORD)).statusCode()).isEqualTo(302);
        HttpResponse<String> reused = carl.post("/portal/login", "/portal/password", Map.of("code", code,
                "password", "another long password", "repeated", "another long password"));
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.body()).contains("unknown, used or expired");
        assertThat(carl.post("/portal/login", "/portal/password", Map.of("code", "guessed-code",
                "password", PASSWORD, "repeated", PASSWORD)).statusCode()).isEqualTo(400);
        assertThat(carl.signIn("carl@example.com", "another long password")).contains("/portal/login?error");
        assertThat(carl.signIn("carl@example.com", PASSWORD)).endsWith("/portal/");

        PortalSession forger = new PortalSession(port);
        HttpResponse<String> forged = forger.withCookie("/portal/", "JSESSIONID=0123456789ABCDEF0123456789ABCDEF");
        assertThat(forged.statusCode()).isEqualTo(302);
        assertThat(forged.headers().firstValue("Location").orElse("")).contains("/portal/login");
    }

    @Test
    void badSubcontractorsAreRefusedAndStoreNothing() {
        long agreements = jdbc.queryForObject("select count(*) from partner_agreement", Long.class);
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("kind", "SUBCONTRACTOR", "name", "No mail", "language", "en"),
                Map.of("kind", "SUBCONTRACTOR", "name", "Bad mail", "language", "en", "email", "nope"),
                Map.of("kind", "SUBCONTRACTOR", "name", "Negative", "language", "en", "email", "neg@example.com",
                        "feePerAcceptance", -1))) {
            assertThat(api.post("/api/partners/invitations", bad).status()).as(bad.toString()).isEqualTo(400);
        }
        api.post("/api/partners/invitations", Map.of("kind", "SUBCONTRACTOR", "name", "Dora", "language", "en",
                "email", "dora@example.com"));
        ApiClient.Response twice = api.post("/api/partners/invitations", Map.of("kind", "SUBCONTRACTOR",
                "name", "Dora again", "language", "en", "email", "DORA@example.com"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("rule").asText()).isEqualTo("portal-email-unique");
        assertThat(jdbc.queryForObject("select count(*) from partner_agreement", Long.class)).isEqualTo(agreements + 1);
    }

    private static void readUntilPage(PortalSession session, String page, String text) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> session.get(page).body().contains(text));
    }
}
