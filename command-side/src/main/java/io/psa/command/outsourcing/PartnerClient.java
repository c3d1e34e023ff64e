package io.psa.command.outsourcing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.psa.api.rule.Limits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.psa.api.outsourcing.SyncFact;
import io.psa.api.rule.RuleViolation;
import io.psa.platform.outbound.BoundedBody;
import io.psa.platform.outbound.OutboundAddresses;
import io.psa.platform.web.ProblemAnswer;
import io.psa.platform.web.StrictJson;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The calls this instance makes to a partner instance's sync API. Every address is checked before it is called
 * ({@link OutboundAddresses}); every answer is read within a size limit; a feed page is split into its facts
 * tolerantly and each fact is read strictly on its own ({@link StrictJson}, fields a newer partner adds are ignored),
 * so one fact that cannot be read is refused alone; nothing a partner answers is passed on as text: callers and the
 * partner views see our own words for what went wrong.
 */
@Component
public class PartnerClient {
    /** How long the partner may hold a feed request open when it has nothing new. */
    static final int LONG_POLL_SECONDS = 20;
    /** The largest feed page read from a partner (a page of 200 long notes is well below). */
    static final long MAX_PAGE_BYTES = 32L * 1024 * 1024;
    /** The largest answer to anything else (an invitation's acceptance, a refusal). */
    private static final long MAX_ANSWER_BYTES = 64 * 1024;
    static final String LANGUAGE = "[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?";

    /** What the accepting partner sends the lead; {@code credential} is what the lead will present to it. */
    public record InvitationAnswer(@NotBlank @Size(max = 200) String invitationCode,
                                   @NotBlank @Size(max = 200) String name,
                                   @NotBlank @Pattern(regexp = LANGUAGE, message = "use a language tag such as de or en")
                                   String language,
                                   @NotBlank @Size(max = OutboundAddresses.MAX_LENGTH) String baseUrl,
                                   @NotBlank @Size(max = 200) String credential) {
    }

    /** The lead's reply: the agreement, the lead's name and the credential the partner will present to it. */
    public record InvitationConfirmation(String agreementId, String name, String language, String credential) {
    }

    /** A feed page as it arrives: each fact is read on its own, so one this version cannot read blocks no other. */
    record ArrivingPage(List<JsonNode> facts, long head) {
    }

    /** The rules a lead may name when it refuses an acceptance, with what we tell our caller about each. */
    private static final Map<String, String> LEAD_REFUSALS = Map.of(
            PartnerInvitations.SAME_LANGUAGE.name(), "outsourcing works only between instances of the same language",
            "outbound-address-public", "it does not call this instance's public address (not a public address)",
            "outbound-address-well-formed", "this instance's public address is not a valid http(s) URL");

    private final RestClient http;
    private final ObjectMapper json;
    private final ObjectMapper pages;
    private final OutboundAddresses addresses;

    public PartnerClient(RestClient.Builder builder, ObjectMapper json, OutboundAddresses addresses) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        requests.setReadTimeout(Duration.ofSeconds(LONG_POLL_SECONDS + 20));
        this.http = builder.requestFactory(requests).build();
        this.json = StrictJson.forPartners(json, MAX_PAGE_BYTES);
        this.pages = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.pages.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(MAX_PAGE_BYTES).build());
        this.addresses = addresses;
    }

    /** Asks the lead to accept us; its refusal is passed on with its status and, for a rule we know, our reason. */
    InvitationConfirmation acceptInvitation(String leadBaseUrl, InvitationAnswer answer) {
        URI lead = addresses.check(leadBaseUrl);
        return call(lead, () -> http.post().uri(base(lead) + "/sync/v1/invitations/acceptance")
                .contentType(MediaType.APPLICATION_JSON).body(answer).exchange((request, response) -> {
                    if (!response.getStatusCode().is2xxSuccessful()) {
                        throw refusal(response);
                    }
                    InvitationConfirmation confirmation = json.readValue(
                            BoundedBody.read(response.getBody(), MAX_ANSWER_BYTES), InvitationConfirmation.class);
                    if (!usable(confirmation)) {
                        throw new ProblemAnswer(HttpStatus.BAD_GATEWAY, "The lead instance's answer is unusable.");
                    }
                    return confirmation;
                }));
    }

    private static boolean usable(InvitationConfirmation confirmation) {
        return fits(confirmation.agreementId(), Limits.ID_LENGTH) && fits(confirmation.name(), 200)
               && fits(confirmation.credential(), 200) && confirmation.language() != null
               && confirmation.language().matches(LANGUAGE);
    }

    private static boolean fits(String text, int maxLength) {
        return text != null && !text.isBlank() && text.length() <= maxLength;
    }

    /**
     * The facts after {@code after}. An empty page that came with {@code Retry-After} (the partner had no room for
     * this reader to wait) is answered only after that pause, so a reader never asks again at once.
     */
    SyncFact.Page events(PartnerDirectory.Agreement agreement, long after, int limit, int waitSeconds) {
        URI partner = addresses.check(agreement.baseUrl());
        long[] retryAfter = new long[1];
        ArrivingPage page = call(partner, () -> http.get()
                .uri(base(partner) + "/sync/v1/agreements/{id}/events?after={after}&limit={limit}&waitSeconds={wait}",
                        agreement.agreementId(), after, limit, waitSeconds)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + agreement.outboundCredential())
                .exchange((request, response) -> {
                    retryAfter[0] = seconds(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
                    return pages.readValue(BoundedBody.read(success(response).getBody(), MAX_PAGE_BYTES),
                            ArrivingPage.class);
                }));
        List<SyncFact> facts = page.facts() == null ? List.of()
                : page.facts().stream().map(this::fact).filter(Objects::nonNull).toList();
        if (facts.isEmpty() && retryAfter[0] > 0) {
            pause(retryAfter[0]);
        }
        return new SyncFact.Page(facts, page.head());
    }

    /** Seconds of a {@code Retry-After} header, at most a minute; 0 without one (or with a date). */
    private static long seconds(String retryAfter) {
        try {
            return retryAfter == null ? 0 : Math.min(60, Math.max(0, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException date) {
            return 0;
        }
    }

    private static void pause(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A file the feed shared, read up to the size its fact declared: one that turns out larger is refused while it
     * streams in (a fact that lies about its file is refused like any fact the rules refuse).
     */
    byte[] file(PartnerDirectory.Agreement agreement, String sha256, long declaredSize) {
        URI partner = addresses.check(agreement.baseUrl());
        return call(partner, () -> http.get().uri(base(partner) + "/sync/v1/agreements/{id}/files/{sha256}",
                        agreement.agreementId(), sha256)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + agreement.outboundCredential())
                .exchange((request, response) -> {
                    try {
                        return BoundedBody.read(success(response).getBody(), declaredSize);
                    } catch (BoundedBody.TooLarge larger) {
                        throw new RuleViolation("file-as-declared", RuleViolation.Kind.VALUE, "The partner's file is "
                                + "larger than the " + declaredSize + " bytes its fact declared.");
                    }
                }));
    }

    /** What went wrong with a partner, in our words: never the partner's own answer. */
    static String describe(RuntimeException failure) {
        if (failure instanceof ProblemAnswer answer) {
            return answer.getMessage();
        }
        if (failure instanceof RuleViolation violation) {
            return violation.getMessage();
        }
        if (failure instanceof RestClientException) {
            return "The partner instance's answer cannot be read.";
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    /**
     * A fact this version cannot read (a faulty partner, or one that is much newer) becomes an unreadable fact:
     * refused and counted like a fact the rules refuse, so the feed goes on. An entry without a position is no fact
     * at all and is passed over.
     */
    private SyncFact fact(JsonNode node) {
        long position = node.path("position").canConvertToExactIntegral() ? node.path("position").asLong(0) : 0;
        if (position <= 0) {
            return null;
        }
        String factId = SyncFact.recordableId(node.path("factId").isTextual() ? node.path("factId").textValue()
                : "missing-" + position);
        try {
            return json.treeToValue(node, SyncFact.class).withFactId(factId);
        } catch (JsonProcessingException | IllegalArgumentException unreadable) {
            return SyncFact.unreadable(position, factId);
        }
    }

    private static ClientHttpResponse success(ClientHttpResponse response) throws IOException {
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new ProblemAnswer(HttpStatus.BAD_GATEWAY,
                    "The partner instance answered " + response.getStatusCode().value() + ".");
        }
        return response;
    }

    private ProblemAnswer refusal(ClientHttpResponse response) throws IOException {
        HttpStatusCode status = response.getStatusCode();
        String rule = null;
        try {
            rule = json.readTree(BoundedBody.read(response.getBody(), MAX_ANSWER_BYTES)).path("rule").textValue();
        } catch (IOException unreadable) {
            // no rule we could name
        }
        if (rule != null && LEAD_REFUSALS.containsKey(rule)) {
            return new ProblemAnswer(HttpStatus.UNPROCESSABLE_ENTITY,
                    "The lead instance refused: " + LEAD_REFUSALS.get(rule) + ".");
        }
        if (status.value() == 403) {
            return new ProblemAnswer(HttpStatus.FORBIDDEN,
                    "The lead instance refused: the invitation code is unknown or has been used already.");
        }
        return new ProblemAnswer(HttpStatus.BAD_GATEWAY, "The lead instance answered " + status.value() + ".");
    }

    /** Runs a call; what fails on the way becomes a 502 naming the host and the kind of failure, in our words. */
    private static <T> T call(URI partner, Supplier<T> request) {
        try {
            return request.get();
        } catch (ResourceAccessException failed) {
            Throwable cause = rootCause(failed);
            String why = cause instanceof BoundedBody.TooLarge ? "its answer is too large"
                    : cause instanceof JsonProcessingException ? "its answer cannot be read"
                    : "it cannot be reached (" + cause.getClass().getSimpleName() + ")";
            throw new ProblemAnswer(HttpStatus.BAD_GATEWAY, "The instance at " + partner.getHost() + ": " + why + ".");
        }
    }

    private static String base(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
