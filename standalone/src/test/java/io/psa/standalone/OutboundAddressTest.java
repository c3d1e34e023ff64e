package io.psa.standalone;

import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the operator's PSA_OUTBOUND_ALLOW_PRIVATE, this instance calls no loopback, private or link-local address
 * and nothing but http(s): neither a lead's address a partner manager gives, nor the address a partner instance
 * sends with its acceptance. And the metrics, which name agreements and partners, are for admins only.
 */
@AutoConfigureObservability(tracing = false)   // tests leave metrics export off unless asked; Prometheus is the point here
class OutboundAddressTest extends ApiTest {

    @BeforeEach
    void setUpThisInstance() {
        enableOutsourcing("Here", "en");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:22", "http://localhost:8080", "http://10.1.2.3", "http://192.168.0.1",
            "http://169.254.169.254/latest/meta-data", "http://[::1]:8080", "http://100.64.0.1",
            "http://0.0.0.0:8080"})
    void aPartnerManagerCannotPointThisInstanceIntoItsOwnNetwork(String leadBaseUrl) {
        long agreements = agreements();
        ApiClient.Response refused = api.post("/api/partners/invitations/acceptance",
                Map.of("leadBaseUrl", leadBaseUrl, "invitationCode", "code"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().path("rule").asText()).isEqualTo("outbound-address-public");
        assertThat(agreements()).isEqualTo(agreements);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "gopher://example.com", "http://", "not a url"})
    void onlyHttpAddressesAreTaken(String leadBaseUrl) {
        assertThat(api.post("/api/partners/invitations/acceptance", Map.of("leadBaseUrl", leadBaseUrl,
                "invitationCode", "code")).status()).isEqualTo(400);
    }

    @Test
    void aLongAddressIsRefused() {
        assertThat(api.post("/api/partners/invitations/acceptance", Map.of("leadBaseUrl",
                "http://example.com/" + "x".repeat(600), "invitationCode", "code")).status()).isEqualTo(400);
    }

    @Test
    void aPartnerInstanceCannotHaveThisInstancePollAnAddressOfItsChoosing() {
        ApiClient.Response invitation = api.post("/api/partners/invitations", Map.of("kind", "PARTNER", "name", "P"));
        ApiClient anonymous = new ApiClient("http://127.0.0.1:" + port, null);
        for (String baseUrl : List.of("file:///etc/passwd", "http://127.0.0.1:1", "http://user:secret@example.com",
                "http://example.com/" + "x".repeat(600))) {
            ApiClient.Response refused = anonymous.post("/sync/v1/invitations/acceptance", Map.of("invitationCode",
                    invitation.json().path("invitationCode").asText(), "name", "P", "language", "en", "baseUrl",
                    baseUrl, "credential", "partner-credential"));
            assertThat(refused.status()).as(baseUrl + ": " + refused).isIn(400, 422);
        }
        assertThat(api.get("/api/partners/" + invitation.id()).json().path("state").asText()).isEqualTo("INVITED");
        assertThat(jdbc.queryForObject("select base_url from partner_agreement where agreement_id = ?", String.class,
                invitation.id())).isNull();
    }

    @Test
    void metricsAreForAdminsOnly() {
        String technician = api.post("/api/users", Map.of("name", "metrics-tech", "roles", List.of("TECHNICIAN")))
                               .json().path("token").asText();
        assertThat(new ApiClient("http://127.0.0.1:" + port, null).get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(api.as(technician).get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(new ApiClient("http://127.0.0.1:" + port, null).get("/actuator/health").status()).isEqualTo(200);
    }

    private long agreements() {
        return jdbc.queryForObject("select count(*) from partner_agreement", Long.class);
    }
}
