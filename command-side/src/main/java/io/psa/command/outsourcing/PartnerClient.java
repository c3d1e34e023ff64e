package io.psa.command.outsourcing;

import io.psa.api.outsourcing.SyncFact;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Duration;

/** The calls this instance makes to a partner instance's sync API. */
@Component
public class PartnerClient {
    /** How long the partner may hold a feed request open when it has nothing new. */
    static final int LONG_POLL_SECONDS = 20;

    /** What the accepting partner sends the lead; {@code credential} is what the lead will present to it. */
    public record InvitationAnswer(String invitationCode, String name, String language, String baseUrl,
                                   String credential) {
    }

    /** The lead's reply: the agreement, the lead's name and the credential the partner will present to it. */
    public record InvitationConfirmation(String agreementId, String name, String language, String credential) {
    }

    private final RestClient http;

    public PartnerClient(RestClient.Builder builder) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        requests.setReadTimeout(Duration.ofSeconds(LONG_POLL_SECONDS + 20));
        this.http = builder.requestFactory(requests).build();
    }

    InvitationConfirmation acceptInvitation(String leadBaseUrl, InvitationAnswer answer) {
        return http.post().uri(trimmed(leadBaseUrl) + "/sync/v1/invitations/acceptance").body(answer).retrieve()
                   .body(InvitationConfirmation.class);
    }

    SyncFact.Page events(PartnerDirectory.Agreement agreement, long after, int limit, int waitSeconds) {
        return http.get().uri(trimmed(agreement.baseUrl()) + "/sync/v1/agreements/{id}/events?after={after}&limit={limit}"
                              + "&waitSeconds={wait}", agreement.agreementId(), after, limit, waitSeconds)
                   .header(HttpHeaders.AUTHORIZATION, "Bearer " + agreement.outboundCredential())
                   .retrieve().body(SyncFact.Page.class);
    }

    byte[] file(PartnerDirectory.Agreement agreement, String sha256) {
        return http.get().uri(trimmed(agreement.baseUrl()) + "/sync/v1/agreements/{id}/files/{sha256}",
                             agreement.agreementId(), sha256)
                   .header(HttpHeaders.AUTHORIZATION, "Bearer " + agreement.outboundCredential())
                   .retrieve().body(byte[].class);
    }

    private static String trimmed(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
