package io.psa.command.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.psa.api.outsourcing.ForwardChannel;
import io.psa.api.rule.RuleViolation;
import io.psa.platform.Now;
import io.psa.platform.content.ContentStore;
import io.psa.platform.outbound.OutboundAddresses;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A webhook: the message's JSON, with each attachment's content added as {@code contentBase64}, POSTed to the
 * network's URL and signed: {@code X-PSA-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" under the
 * network's secret>} (a receiver checks it and refuses an old {@code t}, against replays); {@code X-PSA-Delivery}
 * names the message, so a receiver can drop a repeat. Any 2xx answer delivers it; the receiver's body is never read.
 */
@Component
class WebhookTransport implements Transport {
    static final String SIGNATURE = "X-PSA-Signature";
    static final String DELIVERY = "X-PSA-Delivery";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final OutboundAddresses addresses;
    private final SigningSecrets secrets;
    private final ContentStore contents;
    private final ObjectMapper json;

    WebhookTransport(OutboundAddresses addresses, SigningSecrets secrets, ContentStore contents, ObjectMapper json) {
        this.addresses = addresses;
        this.secrets = secrets;
        this.contents = contents;
        this.json = json;
    }

    @Override
    public ForwardChannel channel() {
        return ForwardChannel.WEBHOOK;
    }

    @Override
    public Optional<String> notReady() {
        return Optional.empty();
    }

    @Override
    public void send(Outbox.Message message) throws Undeliverable {
        URI target;
        try {
            target = addresses.check(message.target());
        } catch (RuleViolation notAllowed) {
            // tried again: a name that does not resolve may be a resolver's hiccup (the tries are bounded)
            throw new Undeliverable(notAllowed.getMessage(), false);
        }
        String secret = secrets.webhookSecret(message.agreementId())
                               .orElseThrow(() -> new Undeliverable("the network has no webhook secret", true));
        byte[] body = withFiles(message.payload());
        long timestamp = Now.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(DELIVERY, message.messageId())
                .header(SIGNATURE, "t=" + timestamp + ",v1=" + signature(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException unreachable) {
            throw new Undeliverable("the webhook cannot be reached (" + unreachable.getClass().getSimpleName() + ")",
                    false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Undeliverable("interrupted", false);
        }
        if (status < 200 || status >= 300) {
            throw new Undeliverable("the webhook answered " + status, false);
        }
    }

    static String signature(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] withFiles(String payload) throws Undeliverable {
        try {
            ObjectNode body = (ObjectNode) json.readTree(payload);
            for (JsonNode attachment : body.path("attachments")) {
                String sha256 = attachment.path("sha256").asText();
                byte[] content = contents.get(sha256).orElseThrow(() -> new IllegalStateException(
                        "attachment content " + sha256 + " is not stored"));
                ((ObjectNode) attachment).put("contentBase64", Base64.getEncoder().encodeToString(content));
            }
            return json.writeValueAsBytes(body);
        } catch (IOException | IllegalStateException broken) {
            throw new Undeliverable("the message cannot be built (" + broken.getMessage() + ")", true);
        }
    }
}
