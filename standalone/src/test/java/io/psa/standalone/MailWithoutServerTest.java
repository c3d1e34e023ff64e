package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.platform.test.ApiClient;
import io.psa.platform.test.OnEmbeddedDefault;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On the embedded default, where no mail server is configured, a forward by e-mail waits in the outbox, visible to
 * admins and shown PENDING on the ticket, instead of being lost or failing.
 */
@OnEmbeddedDefault
class MailWithoutServerTest extends ApiTest {

    @Test
    void aMailWaitsInTheOutboxUntilAServerIsConfigured() {
        enableOutsourcing("Lead", "en");
        String network = created(api.post("/api/partners/invitations", Map.of("kind", "NETWORK", "name", "Vendor",
                "language", "en", "email", "vendor@example.com")));
        String ticket = openTicket(acme, "Waits");
        assertThat(api.post("/api/tickets/" + ticket + "/outsourcing", Map.of("agreementId", network)).status())
                .isEqualTo(204);

        JsonNode waiting = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/admin/outbox").json(),
                outbox -> outbox.size() == 1 && outbox.path(0).path("lastError").asText().contains("no mail server"));
        assertThat(waiting.path(0).path("status").asText()).isEqualTo("PENDING");
        assertThat(waiting.path(0).path("target").asText()).isEqualTo("vendor@example.com");
        assertThat(waiting.path(0).path("attempts").asInt()).isZero();
        ApiClient.Response detail = readUntil("/api/tickets/" + ticket, r -> r.json().path("forwards").size() == 1);
        assertThat(detail.json().path("forwards").path(0).path("deliveries").path("EMAIL").path("result").asText())
                .isEqualTo("PENDING");
    }
}
