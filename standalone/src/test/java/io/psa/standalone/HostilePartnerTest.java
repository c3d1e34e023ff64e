package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.command.outsourcing.PartnerFacts;
import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A partner instance that misbehaves ({@link FakePartner}, on loopback, which this instance may call here): its
 * refusals are never passed on as it wrote them, facts with values outside this instance's limits are refused one
 * by one while the feed goes on, a file larger than its fact declared is refused while it streams in, and a flood of
 * long polls on one credential takes no thread the API needs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "psa.outbound-allow-private=true")
class HostilePartnerTest extends ApiTest {
    private FakePartner fake;

    @BeforeEach
    void startTheFakeAndSetUpThisInstance() throws Exception {
        fake = new FakePartner();
        assertThat(api.put("/api/instance", Map.of("name", "Here", "language", "en",
                "publicBaseUrl", "http://127.0.0.1:" + port)).status()).isEqualTo(200);
    }

    @AfterEach
    void stopTheFake() {
        fake.close();
    }

    @Test
    void whatALeadAnswersIsNeverPassedOnAsItWroteIt() {
        long agreements = jdbc.queryForObject("select count(*) from partner_agreement", Long.class);
        ApiClient.Response broken = accept("banner");
        assertThat(broken.status()).isEqualTo(502);
        assertThat(broken.toString()).doesNotContain(FakePartner.BANNER);
        ApiClient.Response refused = accept("refused");
        assertThat(refused.status()).as("a refusal by a rule we do not know is the lead's fault").isEqualTo(502);
        assertThat(refused.toString()).doesNotContain(FakePartner.BANNER).contains("answered 422");
        ApiClient.Response nobody = api.post("/api/partners/invitations/acceptance",
                Map.of("leadBaseUrl", "http://127.0.0.1:1", "invitationCode", "x"));
        assertThat(nobody.status()).isEqualTo(502);
        assertThat(nobody.json().path("detail").asText()).contains("cannot be reached");
        assertThat(jdbc.queryForObject("select count(*) from partner_agreement", Long.class)).isEqualTo(agreements);
    }

    @Test
    void factsOutsideTheLimitsOrIncompleteAreRefusedOneByOneAndTheFeedGoesOn() {
        String agreement = accept("good").id();
        fake.share(Map.of("type", "TRANSITION", "transition", "SEND", "leadTicketId", "L1",
                "handover", Map.of("title", "Printer", "priority", 2, "terms", Map.of("hourlyRate", 10))));
        // refused: outside the limits, or incomplete, or for a ticket that is not here
        fake.share(note("a\u0000b"));
        fake.share(charge(new BigDecimal("1e1000")));
        fake.share(charge(new BigDecimal("2000000000")));
        fake.share(item("TIME_ENTRY", "timeEntry", Map.of("resourceId", "r", "workDate", "+999999998-12-31",
                "hoursWorked", 1, "hoursToBill", 1, "billable", true)));
        fake.share(item("ATTACHMENT", "attachment", Map.of("title", "dump", "visibility", "EXTERNAL"),
                "file", Map.of("fileName", "dump.bin", "contentType", "foo", "size", 1, "sha256", "a".repeat(64))));
        fake.share(item("NOTE", "note", Map.of("title", "no text", "visibility", "EXTERNAL")));
        Map<String, Object> elsewhere = new java.util.HashMap<>(note("for a ticket that is not here"));
        elsewhere.put("leadTicketId", "L2");
        fake.share(elsewhere);
        fake.share(Map.of("type", "TRANSITION", "transition", "SEND", "leadTicketId", "L3",
                "handover", Map.of("priority", 2)));
        // passed over: no fact at all
        fake.shareRaw(null);
        // applied: an id too long to record as it is, and a duplicate key (the last one counts)
        Map<String, Object> longId = new java.util.HashMap<>(note("long id"));
        longId.put("factId", "x".repeat(300));
        fake.share(longId);
        fake.shareRaw("{\"factId\":\"dup\",\"type\":\"ITEM_SHARED\",\"kind\":\"NOTE\",\"leadTicketId\":\"L1\","
                      + "\"itemId\":\"i-dup\",\"author\":\"mallory\",\"note\":{\"title\":\"n\",\"text\":\"first\","
                      + "\"text\":\"duplicate key\",\"visibility\":\"EXTERNAL\"}}");
        fake.share(note("fine"));
        long contentBefore = jdbc.queryForObject("select count(*) from stored_content", Long.class);

        JsonNode view = await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/partners/" + agreement).json(),
                partner -> partner.path("position").asLong() == 13);
        assertThat(view.path("appliedFacts").asLong()).isEqualTo(4);
        assertThat(view.path("refusedFacts").asLong()).isEqualTo(8);
        String copy = PartnerFacts.localTicketId(agreement, OutsourcingSide.PARTNER, "L1");
        JsonNode ticket = readUntil("/api/tickets/" + copy, r -> r.json().path("notes").findValuesAsText("text")
                .contains("fine")).json();
        assertThat(ticket.path("notes").findValuesAsText("text")).contains("long id", "duplicate key")
                .doesNotContain("a\u0000b", "for a ticket that is not here");
        assertThat(ticket.path("charges")).isEmpty();
        assertThat(ticket.path("timeEntries")).isEmpty();
        assertThat(ticket.path("attachments")).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from stored_content", Long.class)).isEqualTo(contentBefore);
        assertThat(api.get("/api/admin/dead-letters").json()).isEmpty();
    }

    @Test
    void aFloodOfLongPollsOnOneCredentialTakesNoThreadTheApiNeeds() {
        assertThat(api.post("/api/outsourcing/terms/acceptance", Map.of()).status()).isEqualTo(200);
        ApiClient.Response invitation = api.post("/api/partners/invitations", Map.of("kind", "PARTNER",
                "name", "Flooder"));
        ApiClient.Response joined = new ApiClient("http://127.0.0.1:" + port, null).post(
                "/sync/v1/invitations/acceptance", Map.of("invitationCode", invitation.json().path("invitationCode")
                        .asText(), "name", "Flooder", "language", "en", "baseUrl", fake.baseUrl(),
                        "credential", "flooder-credential"));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        String credential = joined.json().path("credential").asText();

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest poll = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sync/v1/agreements/"
                        + invitation.id() + "/events?after=0&waitSeconds=10"))
                .header("Authorization", "Bearer " + credential).timeout(Duration.ofSeconds(60)).build();
        List<CompletableFuture<HttpResponse<String>>> polls = IntStream.range(0, 230)
                .mapToObj(i -> http.sendAsync(poll, HttpResponse.BodyHandlers.ofString())).toList();

        await().atMost(Duration.ofSeconds(30)).until(() -> polls.stream().filter(CompletableFuture::isDone).count()
                                                            >= 230 - 2);
        assertThat(api.get("/api/tickets").status()).isEqualTo(200);
        assertThat(polls.stream().filter(p -> !p.isDone()).count()).as("long polls still waiting while the API answered")
                .isBetween(1L, 2L);
        assertThat(polls.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join)
                        .map(HttpResponse::statusCode)).containsOnly(200);
    }

    private ApiClient.Response accept(String code) {
        return api.post("/api/partners/invitations/acceptance", Map.of("leadBaseUrl", fake.baseUrl(),
                "invitationCode", code));
    }

    private static Map<String, Object> note(String text) {
        return item("NOTE", "note", Map.of("title", "n", "text", text, "visibility", "EXTERNAL"));
    }

    private static Map<String, Object> charge(BigDecimal unitPrice) {
        return item("CHARGE", "charge", Map.of("date", "2026-01-15", "description", "part", "quantity", 1,
                "unitCost", 1, "unitPrice", unitPrice, "billable", true));
    }

    private static Map<String, Object> item(String kind, Object... content) {
        Map<String, Object> fact = new java.util.HashMap<>(Map.of("type", "ITEM_SHARED", "kind", kind,
                "leadTicketId", "L1", "itemId", java.util.UUID.randomUUID().toString(), "author", "mallory"));
        for (int i = 0; i + 1 < content.length; i += 2) {
            fact.put((String) content[i], content[i + 1]);
        }
        return fact;
    }
}
