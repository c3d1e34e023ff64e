package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.psa.platform.test.ApiClient;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Forwarding a ticket to a service network or vendor that runs no instance: by e-mail (a real SMTP server, GreenMail)
 * and by a signed webhook (a receiver on loopback), sent once, recorded on the ticket with each try, shown FORWARDED;
 * a webhook that is down for a while is delivered once when it is back, and its failure shows meanwhile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.mail.host=127.0.0.1", "spring.mail.port=3025", "psa.outbound-allow-private=true",
        "psa.outbox.first-retry=PT0.2S"})
class NetworkForwardingTest extends ApiTest {
    private static final String SECRET = "vendor-webhook-secret-0123456789";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

    private WebhookReceiver receiver;

    @BeforeEach
    void outsourcingEnabled() {
        enableOutsourcing("Lead GmbH", "de");
    }

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aTicketForwardedByMailAndWebhookArrivesOnceAndShowsDelivered() throws Exception {
        receiver = WebhookReceiver.failingFirst(0);
        String network = network("Printer Service GmbH", "de", "service@printer.example", receiver.url());
        String ticket = openTicket(acme, "Printer on floor 3 jams");
        created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "Symptom", "text", "Toner empty",
                "visibility", "EXTERNAL")));
        created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "Internal", "text",
                "Customer is difficult", "visibility", "INTERNAL")));
        created(api.postFile("/api/tickets/" + ticket + "/attachments", "error.log", "text/plain",
                "paper jam in tray 2".getBytes(StandardCharsets.UTF_8), Map.of("title", "Log", "visibility",
                        "EXTERNAL")));
        Map<String, Object> forward = Map.of("agreementId", network, "terms", Map.of("description", "on site",
                "hourlyRate", 80));
        assertThat(api.post("/api/tickets/" + ticket + "/outsourcing", forward, "Idempotency-Key", "fwd-1").status())
                .isEqualTo(204);
        assertThat(api.post("/api/tickets/" + ticket + "/outsourcing", forward, "Idempotency-Key", "fwd-1").status())
                .as("the retry").isEqualTo(204);

        JsonNode detail = readUntil("/api/tickets/" + ticket, r -> delivered(r.json(), "EMAIL")
                                                                   && delivered(r.json(), "WEBHOOK")).json();
        assertThat(detail.path("outsourcing").path("status").asText()).isEqualTo("FORWARDED");
        assertThat(detail.path("forwards")).hasSize(1);

        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("service@printer.example");
        assertThat(mail.getSubject()).isEqualTo("[Lead GmbH] Weitergeleitetes Ticket: Printer on floor 3 jams");
        String text = GreenMailUtil.getBody(mail);
        assertThat(text).contains("Lead GmbH leitet dieses Ticket an Printer Service GmbH weiter", "Toner empty",
                "Stundensatz 80.00").doesNotContain("Customer is difficult");
        assertThat(attachmentNames(mail)).containsExactly("error.log");

        assertThat(receiver.calls).hasSize(1);
        WebhookReceiver.Call call = receiver.calls.get(0);
        assertSigned(call);
        JsonNode body = ApiClient.JSON.readTree(call.body());
        assertThat(body.path("title").asText()).isEqualTo("Printer on floor 3 jams");
        assertThat(body.path("notes").findValuesAsText("text")).containsExactly("Toner empty");
        assertThat(new String(Base64.getDecoder().decode(body.path("attachments").path(0).path("contentBase64")
                .asText()), StandardCharsets.UTF_8)).isEqualTo("paper jam in tray 2");
        assertThat(api.get("/api/tickets/" + ticket + "/history").json().findValuesAsText("type"))
                .contains("TicketForwarded", "ForwardDeliveryRecorded");
    }

    @Test
    void aWebhookDownForAWhileIsDeliveredOnceAndItsFailureShowsMeanwhile() {
        receiver = WebhookReceiver.failingFirst(3);
        String network = network("Carrier AG", "en", null, receiver.url());
        String ticket = openTicket(acme, "Line down");
        assertThat(api.post("/api/tickets/" + ticket + "/outsourcing", Map.of("agreementId", network)).status())
                .isEqualTo(204);

        JsonNode retrying = readUntil("/api/tickets/" + ticket, r -> "RETRYING".equals(delivery(r.json(), "WEBHOOK")
                .path("result").asText())).json();
        assertThat(delivery(retrying, "WEBHOOK").path("reason").asText()).contains("answered 503");
        assertThat(api.get("/api/partners/" + network).json().path("lastError").asText()).contains("answered 503");

        JsonNode done = readUntil("/api/tickets/" + ticket, r -> delivered(r.json(), "WEBHOOK")).json();
        assertThat(delivery(done, "WEBHOOK").path("attempts").asInt()).isEqualTo(4);
        assertThat(receiver.delivered()).hasSize(1);
        assertThat(receiver.calls).hasSize(4);
        receiver.calls.forEach(this::assertSigned);
        assertThat(api.get("/actuator/metrics/psa.forward.failures?tag=agreement:" + network).json()
                .path("measurements").path(0).path("value").asDouble()).isEqualTo(3.0);
    }

    @Test
    void aForwardedTicketCanBeForwardedAgainAndIsCompletedByTheLead() {
        receiver = WebhookReceiver.failingFirst(0);
        String network = network("Vendor", "en", null, receiver.url());
        String ticket = openTicket(acme, "Again");
        assertThat(api.post("/api/tickets/" + ticket + "/outsourcing", Map.of("agreementId", network)).status())
                .isEqualTo(204);
        assertThat(api.post("/api/tickets/" + ticket + "/outsourcing", Map.of("agreementId", network)).status())
                .isEqualTo(204);
        readUntil("/api/tickets/" + ticket, r -> r.json().path("forwards").size() == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered().size() == 2);
        assertThat(api.post("/api/tickets/" + ticket + "/status", Map.of("status", "COMPLETE")).status())
                .isEqualTo(204);
    }

    @Test
    void onlyExternalItemsLeaveAndBadNetworksAreRefusedStoringNothing() {
        receiver = WebhookReceiver.failingFirst(0);
        String network = network("Vendor", "en", "vendor@example.com", receiver.url());
        String ticket = openTicket(acme, "Internal stays");
        String internal = created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "i", "text", "secret",
                "visibility", "INTERNAL")));
        long events = storedEvents();
        ApiClient.Response refused = api.post("/api/tickets/" + ticket + "/outsourcing", Map.of("agreementId", network,
                "noteIds", List.of(internal)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("rule").asText()).isEqualTo("forward-external-items-only");
        assertThat(storedEvents()).isEqualTo(events);

        long agreements = jdbc.queryForObject("select count(*) from partner_agreement", Long.class);
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("kind", "NETWORK", "name", "No address", "language", "en"),
                Map.of("kind", "NETWORK", "name", "Bad mail", "language", "en", "email", "not-an-address"),
                Map.of("kind", "NETWORK", "name", "Bad hook", "language", "en", "webhookUrl", "ftp://example.com/x",
                        "webhookSecret", SECRET),
                Map.of("kind", "NETWORK", "name", "Unsigned", "language", "en", "webhookUrl", receiver.url()),
                Map.of("kind", "NETWORK", "name", "Short secret", "language", "en", "webhookUrl", receiver.url(),
                        "webhookSecret", "short"))) {
            assertThat(api.post("/api/partners/invitations", bad).status()).as(bad.toString()).isEqualTo(400);
        }
        assertThat(jdbc.queryForObject("select count(*) from partner_agreement", Long.class)).isEqualTo(agreements);
    }

    private String network(String name, String language, String email, String webhookUrl) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("kind", "NETWORK", "name", name,
                "language", language));
        if (email != null) {
            body.put("email", email);
        }
        if (webhookUrl != null) {
            body.put("webhookUrl", webhookUrl);
            body.put("webhookSecret", SECRET);
        }
        ApiClient.Response added = api.post("/api/partners/invitations", body);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().path("invitationCode").isNull()).isTrue();
        assertThat(api.get("/api/partners/" + added.id()).json().path("state").asText()).isEqualTo("ACTIVE");
        return added.id();
    }

    private static JsonNode delivery(JsonNode ticket, String channel) {
        JsonNode forwards = ticket.path("forwards");
        return forwards.path(forwards.size() - 1).path("deliveries").path(channel);
    }

    private static boolean delivered(JsonNode ticket, String channel) {
        return "DELIVERED".equals(delivery(ticket, channel).path("result").asText());
    }

    /** The signature a receiver checks: HMAC-SHA256 of "t.body" under the shared secret, with a recent t. */
    private void assertSigned(WebhookReceiver.Call call) {
        String signature = call.header("X-PSA-Signature");
        assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
        long timestamp = Long.parseLong(signature.substring(2, signature.indexOf(',')));
        assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(300);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            assertThat(signature.substring(signature.indexOf("v1=") + 3))
                    .isEqualTo(HexFormat.of().formatHex(mac.doFinal(call.body())));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        assertThat(call.header("X-PSA-Delivery")).isNotBlank();
    }

    private static List<String> attachmentNames(MimeMessage mail) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        if (mail.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                if (Part.ATTACHMENT.equalsIgnoreCase(multipart.getBodyPart(i).getDisposition())) {
                    names.add(multipart.getBodyPart(i).getFileName());
                }
            }
        }
        return names;
    }
}
