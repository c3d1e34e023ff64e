package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.command.outsourcing.PartnerFacts;
import io.psa.platform.test.ApiClient;
import io.psa.standalone.PartnerInstances.Instance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static io.psa.standalone.PartnerInstances.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The faults of partner sync between two real instances: a partner down while the lead works on, facts delivered
 * again, a restart in the middle of re-delivery, wrong credentials, a language mismatch.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartnerSyncFaultTest {
    private static final int CHANGES_WHILE_DOWN = 30;

    private static Instance lead;
    private static Instance partner;
    private static String agreementId;
    private static String leadTicket;
    private static String partnerTicket;

    @BeforeAll
    static void pairAndOutsource() {
        lead = new Instance(PartnerSyncFaultTest.class, "lead-faults", "de").start().configure(true);
        partner = new Instance(PartnerSyncFaultTest.class, "partner-faults", "de").start().configure(false);
        agreementId = PartnerInstances.pair(lead, partner);
        String company = lead.api().post("/api/companies", Map.of("name", "Kunde")).id();
        leadTicket = PartnerInstances.outsourcedAndAccepted(lead, partner, agreementId, company, "Netzwerk");
        partnerTicket = PartnerFacts.localTicketId(agreementId, OutsourcingSide.PARTNER, leadTicket);
    }

    @AfterAll
    static void stop() {
        PartnerInstances.stop(partner, lead);
    }

    @Test
    @Order(1)
    void nothingIsLostWhileThePartnerIsDown() {
        partner.stop();
        List<String> notes = IntStream.range(0, CHANGES_WHILE_DOWN).mapToObj(i -> PartnerSyncTest.post(lead, leadTicket,
                "notes", Map.of("title", "Schritt " + i, "text", "erledigt", "visibility", "EXTERNAL"))).toList();
        lead.api().put("/api/tickets/" + leadTicket + "/notes/" + notes.get(0),
                Map.of("title", "Schritt 0", "text", "geändert", "visibility", "EXTERNAL"));
        lead.api().delete("/api/tickets/" + leadTicket + "/notes/" + notes.get(1));
        JsonNode leadSees = eventually(() -> lead.api().get("/api/partners/" + agreementId),
                r -> !r.json().path("lastError").isMissingNode() && !r.json().path("lastError").isNull()).json();
        assertThat(leadSees.path("lastErrorAt").asText()).isNotEmpty();
        JsonNode unhealthy = eventually(() -> lead.api().get("/api/partners/" + agreementId),
                r -> r.json().path("healthy").isBoolean()).json();
        assertThat(unhealthy.path("healthy").asBoolean()).as("the partner is down").isFalse();

        partner.start();
        JsonNode copy = eventually(() -> partner.api().get("/api/tickets/" + partnerTicket),
                r -> r.status() == 200 && stepNotes(r.json()) == CHANGES_WHILE_DOWN - 1).json();
        assertThat(PartnerSyncTest.find(copy.path("notes"), "title", "Schritt 0").path("content").path("text").asText())
                .isEqualTo("geändert");
        assertThat(PartnerSyncTest.find(copy.path("notes"), "title", "Schritt 1")).isNull();
        assertThat(uniqueIds(copy.path("notes"))).isTrue();
        JsonNode status = eventually(() -> partner.api().get("/api/partners/" + agreementId),
                r -> r.json().path("lag").asLong() == 0 && r.json().path("position").asLong() > 0).json();
        assertThat(status.path("refusedFacts").asLong()).isZero();
        JsonNode recovered = eventually(() -> lead.api().get("/api/partners/" + agreementId),
                r -> r.json().path("healthy").asBoolean()).json();
        assertThat(recovered.path("lastError").asText()).as("the last error stays shown").isNotEmpty();
        assertThat(Instant.parse(recovered.path("lastReadAt").asText()))
                .isAfterOrEqualTo(Instant.parse(recovered.path("lastErrorAt").asText()));
    }

    @Test
    @Order(2)
    void factsDeliveredAgainChangeNothing() {
        JsonNode before = partner.api().get("/api/tickets/" + partnerTicket).json();
        long applied = partner.api().get("/api/partners/" + agreementId).json().path("appliedFacts").asLong();
        long head = partner.api().get("/api/partners/" + agreementId).json().path("head").asLong();

        partner.jdbc().update("update partner_subscription set position = 0 where agreement_id = ?", agreementId);
        eventually(() -> partner.api().get("/api/partners/" + agreementId),
                r -> r.json().path("position").asLong() == head);

        JsonNode after = partner.api().get("/api/tickets/" + partnerTicket).json();
        assertThat(after.path("notes")).isEqualTo(before.path("notes"));
        assertThat(partner.api().get("/api/partners/" + agreementId).json().path("appliedFacts").asLong())
                .as("every fact was recognised as applied").isEqualTo(applied);
    }

    @Test
    @Order(3)
    void aCrashInTheMiddleOfRedeliveryChangesNothing() {
        JsonNode before = partner.api().get("/api/tickets/" + partnerTicket).json();
        PartnerSyncTest.post(lead, leadTicket, "notes", Map.of("title", "Nach dem Absturz", "text", "neu",
                "visibility", "EXTERNAL"));
        partner.jdbc().update("update partner_subscription set position = 3 where agreement_id = ?", agreementId);
        partner.stop();
        partner.start();

        JsonNode after = eventually(() -> partner.api().get("/api/tickets/" + partnerTicket),
                r -> r.status() == 200 && PartnerSyncTest.notesTitled(r.json()).contains("Nach dem Absturz")).json();
        assertThat(after.path("notes").size()).isEqualTo(before.path("notes").size() + 1);
        assertThat(uniqueIds(after.path("notes"))).isTrue();
    }

    @Test
    @Order(4)
    void theFeedNeedsThisAgreementsCredential() {
        String feed = "/sync/v1/agreements/" + agreementId + "/events";
        ApiClient anonymous = new ApiClient(lead.baseUrl(), null);
        assertThat(anonymous.get(feed).status()).isEqualTo(401);
        assertThat(anonymous.as("psa_wrong").get(feed).status()).isEqualTo(401);
        assertThat(anonymous.as(io.psa.platform.test.PostgresTest.ADMIN_TOKEN).get(feed).status())
                .as("a user's token is no partner credential").isEqualTo(401);

        String otherCredential = "psa_another-instance-credential";
        String other = lead.api().post("/api/partners/invitations", Map.of("kind", "PARTNER", "name", "other")).json()
                           .path("invitationCode").asText();
        ApiClient.Response joined = anonymous.post("/sync/v1/invitations/acceptance", Map.of("invitationCode", other,
                "name", "other", "language", "de", "baseUrl", "http://127.0.0.1:9", "credential", otherCredential));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        String otherCredentialAtLead = joined.json().path("credential").asText();
        assertThat(anonymous.as(otherCredentialAtLead).get(feed).status()).isEqualTo(403);
        ApiClient.Response ownFeed = anonymous.as(otherCredentialAtLead).get("/sync/v1/agreements/"
                                                                            + joined.json().path("agreementId").asText() + "/events");
        assertThat(ownFeed.status()).isEqualTo(200);
        assertThat(ownFeed.json().path("facts")).as("partners never see each other's tickets").isEmpty();
        assertThat(anonymous.post("/sync/v1/invitations/acceptance", Map.of("invitationCode", other, "name", "x",
                "language", "de", "baseUrl", "http://127.0.0.1:9", "credential", "c")).status())
                .as("an invitation code works once").isEqualTo(403);
    }

    @Test
    @Order(5)
    void instancesOfDifferentLanguagesCannotPair() {
        String code = lead.api().post("/api/partners/invitations", Map.of("kind", "PARTNER", "name", "english"))
                          .json().path("invitationCode").asText();
        partner.api().put("/api/instance", Map.of("name", "partner-faults", "language", "en",
                "publicBaseUrl", partner.baseUrl()));
        try {
            long agreementsBefore = partner.api().get("/api/partners").json().path("totalItems").asLong();
            ApiClient.Response refused = partner.api().post("/api/partners/invitations/acceptance",
                    Map.of("leadBaseUrl", lead.baseUrl(), "invitationCode", code));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().path("detail").asText()).contains("same language");
            assertThat(partner.api().get("/api/partners").json().path("totalItems").asLong()).isEqualTo(agreementsBefore);
            assertThat(lead.api().get("/api/partners").json().findValuesAsText("state")).contains("INVITED");
        } finally {
            partner.api().put("/api/instance", Map.of("name", "partner-faults", "language", "de",
                    "publicBaseUrl", partner.baseUrl()));
        }
        ApiClient.Response accepted = partner.api().post("/api/partners/invitations/acceptance",
                Map.of("leadBaseUrl", lead.baseUrl(), "invitationCode", code));
        assertThat(accepted.status()).as("the refused code is still good").isEqualTo(201);
    }

    @Test
    @Order(6)
    void aSuspendedAgreementsFeedIsClosed() {
        assertThat(lead.api().post("/api/partners/" + agreementId + "/suspension", Map.of()).status()).isEqualTo(204);
        String credential = partner.jdbc().queryForObject("select outbound_credential from partner_secret "
                                                          + "where agreement_id = ?", String.class, agreementId);
        ApiClient asPartner = new ApiClient(lead.baseUrl(), credential);
        assertThat(asPartner.get("/sync/v1/agreements/" + agreementId + "/events").status()).isEqualTo(403);
        assertThat(lead.api().post("/api/partners/" + agreementId + "/resumption", Map.of()).status()).isEqualTo(204);
        assertThat(asPartner.get("/sync/v1/agreements/" + agreementId + "/events").status()).isEqualTo(200);
    }

    private static long stepNotes(JsonNode ticket) {
        return PartnerSyncTest.notesTitled(ticket).stream().filter(title -> title.startsWith("Schritt")).count();
    }

    private static boolean uniqueIds(JsonNode entries) {
        Set<String> ids = new HashSet<>();
        entries.forEach(entry -> ids.add(entry.path("id").asText()));
        return ids.size() == entries.size();
    }
}
