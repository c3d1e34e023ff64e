package io.psa.standalone;

import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Before an instance may outsource: its profile, the terms, the permissions; refusals store nothing. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// the partner joined here gives a loopback address, which only an instance allowed to call such addresses takes
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "psa.outbound-allow-private=true")
class OutsourcingSetUpTest extends ApiTest {

    private void assertRule(ApiClient.Response response, int status, String rule) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("rule").asText()).isEqualTo(rule);
    }

    @Test
    @Order(1)
    void noInvitationBeforeTheProfileIsSetAndTheTermsAreAccepted() {
        long before = storedEvents();
        assertRule(api.post("/api/partners/invitations", Map.of("kind", "PARTNER", "name", "p")), 409,
                "outsourcing-enabled");
        assertRule(api.post("/api/partners/invitations/acceptance", Map.of("leadBaseUrl", "http://127.0.0.1:9",
                "invitationCode", "x")), 409, "instance-configured");
        assertThat(storedEvents()).isEqualTo(before);

        ApiClient.Response badProfile = api.put("/api/instance", Map.of("name", "n", "language", "deutsch!",
                "publicBaseUrl", "ftp://x"));
        assertThat(badProfile.status()).isEqualTo(400);
        assertThat(badProfile.json().path("errors").findValuesAsText("field")).contains("language", "publicBaseUrl");

        assertThat(api.put("/api/instance", Map.of("name", "Lead", "language", "de", "publicBaseUrl",
                "http://127.0.0.1:" + port)).status()).isEqualTo(200);
        assertRule(api.post("/api/partners/invitations", Map.of("kind", "PARTNER", "name", "p")), 409,
                "outsourcing-enabled");
        assertThat(api.post("/api/outsourcing/terms/acceptance", Map.of()).json().path("termsAcceptedBy").asText())
                .isEqualTo("admin");
    }

    @Test
    @Order(2)
    void eachKindIsInvitedWithWhatItNeeds() {
        assertThat(api.post("/api/partners/invitations", Map.of("kind", "SUBCONTRACTOR", "name", "s")).status())
                .as("a subcontractor without the address of its portal account").isEqualTo(400);
        assertThat(api.post("/api/partners/invitations", Map.of("kind", "NETWORK", "name", "n", "language", "de"))
                .status()).as("a network without an address").isEqualTo(400);
        assertThat(api.post("/api/partners/invitations", Map.of("kind", "PARTNER", "name", "p")).status())
                .isEqualTo(201);
    }

    @Test
    @Order(3)
    void aTicketGoesOnlyToAnActivePartnerByAFutureDeadline() {
        String invited = api.post("/api/partners/invitations", Map.of("kind", "PARTNER", "name", "p2")).id();
        String ticket = openTicket(acme, "Router");
        long before = storedEvents();
        assertRule(api.post("/api/tickets/" + ticket + "/outsourcing", Map.of("agreementId", invited)), 409,
                "agreement-active");
        assertThat(api.post("/api/tickets/" + ticket + "/outsourcing", Map.of("agreementId", "nope")).status())
                .isEqualTo(404);
        assertThat(storedEvents()).isEqualTo(before);

        String active = joinAsPartner();
        before = storedEvents();
        assertRule(api.post("/api/tickets/" + ticket + "/outsourcing", Map.of("agreementId", active,
                "acceptBy", dateTimeFromNow(Duration.ofHours(-1)))), 422, "accept-by-in-future");
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(api.post("/api/tickets/" + ticket + "/outsourcing", Map.of("agreementId", active, "send", false))
                      .status()).isEqualTo(204);
        ApiClient.Response unsent = readUntil("/api/tickets/" + ticket,
                r -> r.json().path("outsourcing").hasNonNull("status"));
        assertThat(unsent.json().path("outsourcing").path("status").asText()).isEqualTo("UNSENT");
        assertThat(api.post("/api/tickets/" + ticket + "/outsourcing/fly", Map.of()).status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void outsourcingAndManagingPartnersArePermissions() {
        String technician = api.post("/api/users", Map.of("name", "tom", "roles", List.of("TECHNICIAN")))
                               .json().path("token").asText();
        String outsourcer = api.post("/api/users", Map.of("name", "olga", "roles", List.of("TECHNICIAN", "OUTSOURCER")))
                               .json().path("token").asText();
        String ticket = openTicket(acme, "Switch");
        assertThat(api.as(technician).post("/api/tickets/" + ticket + "/outsourcing", Map.of("agreementId", "x"))
                      .status()).isEqualTo(403);
        assertThat(api.as(technician).get("/api/partners").status()).isEqualTo(403);
        assertThat(api.as(technician).post("/api/partners/invitations", Map.of("kind", "PARTNER", "name", "t"))
                      .status()).isEqualTo(403);
        assertThat(api.as(outsourcer).post("/api/tickets/" + ticket + "/outsourcing", Map.of("agreementId", "x"))
                      .status()).as("allowed, then the agreement is unknown").isEqualTo(404);
    }

    /** An agreement in which this instance is the partner (accepted over the sync API as another instance would). */
    private String joinAsPartner() {
        String code = api.post("/api/partners/invitations", Map.of("kind", "PARTNER", "name", "p3")).json()
                         .path("invitationCode").asText();
        return new ApiClient("http://127.0.0.1:" + port, null).post("/sync/v1/invitations/acceptance", Map.of(
                "invitationCode", code, "name", "p3", "language", "DE", "baseUrl", "http://127.0.0.1:9",
                "credential", "psa_p3")).json().path("agreementId").asText();
    }
}
