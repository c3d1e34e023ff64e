package io.psa.standalone;

import io.psa.platform.test.ApiClient;
import io.psa.platform.web.IdempotencyRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A retried POST with the same Idempotency-Key returns the first answer and changes nothing; the key's record keeps
 * no secret and expires (here after 3 seconds).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "psa.idempotency-retention=3s")
class IdempotencyKeyTest extends ApiTest {
    @Autowired
    IdempotencyRecords records;

    private long ticketsOpened() {
        return jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like '%TicketOpened'",
                Long.class);
    }

    @Test
    void aRetryGetsTheFirstAnswerAndOpensNoSecondTicket() {
        Map<String, Object> body = Map.of("companyId", acme, "title", "Retry me");
        ApiClient.Response first = api.post("/api/tickets", body, "Idempotency-Key", "open-1");
        ApiClient.Response retry = api.post("/api/tickets", body, "Idempotency-Key", "open-1");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(ticketsOpened()).isEqualTo(1);

        ApiClient.Response otherKey = api.post("/api/tickets", body, "Idempotency-Key", "open-2");
        assertThat(otherKey.id()).isNotEqualTo(first.id());
        assertThat(ticketsOpened()).isEqualTo(2);
    }

    @Test
    void concurrentDuplicatesApplyOnce() throws Exception {
        String ticket = openTicket(acme, "Concurrent");
        long before = storedEvents();
        Callable<ApiClient.Response> addNote = () -> api.post("/api/tickets/" + ticket + "/notes",
                Map.of("title", "once", "text", "only once", "visibility", "EXTERNAL"), "Idempotency-Key", "note-1");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<ApiClient.Response>> answers = pool.invokeAll(IntStream.range(0, 6).mapToObj(i -> addNote).toList());
            List<String> ids = answers.stream().map(answer -> {
                try {
                    return answer.get().id();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).distinct().toList();
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(storedEvents()).isEqualTo(before + 1);
    }

    @Test
    void aKeyReusedForAnotherRequestIsRefused() {
        String ticket = openTicket(acme, "Reuse");
        api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "a", "text", "a", "visibility", "EXTERNAL"),
                "Idempotency-Key", "reused");
        long before = storedEvents();
        ApiClient.Response reused = api.post("/api/tickets/" + ticket + "/charges", Map.of("description", "cable",
                "quantity", 1, "unitCost", 1, "unitPrice", 2), "Idempotency-Key", "reused");
        assertThat(reused.status()).isEqualTo(422);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aRefusedRequestIsNotRememberedSoItsCorrectedRetryRuns() {
        String ticket = openTicket(acme, "Refused first");
        Map<String, Object> entry = Map.of("resourceId", resource("Tech"), "workDate", "2026-01-15", "hoursWorked", 1);
        api.post("/api/tickets/" + ticket + "/status", Map.of("status", "COMPLETE"));
        assertThat(api.post("/api/tickets/" + ticket + "/time-entries", entry, "Idempotency-Key", "t-1").status())
                .isEqualTo(409);
        api.post("/api/tickets/" + ticket + "/status", Map.of("status", "IN_PROGRESS"));
        assertThat(api.post("/api/tickets/" + ticket + "/time-entries", entry, "Idempotency-Key", "t-1").status())
                .isEqualTo(201);
    }

    @Test
    void concurrentKeyedCommandsOnOneTicketAllReachTheReadModel() throws Exception {
        String ticket = openTicket(acme, "Busy");
        int clients = 8;
        int notesEach = 50;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Integer>>> answers = pool.invokeAll(IntStream.range(0, clients).mapToObj(client ->
                    (Callable<List<Integer>>) () -> IntStream.range(0, notesEach).mapToObj(n -> api.post(
                            "/api/tickets/" + ticket + "/notes", Map.of("title", "n", "text", client + "/" + n,
                                    "visibility", "INTERNAL"), "Idempotency-Key", "busy-" + client + "-" + n).status())
                            .toList()).toList());
            for (Future<List<Integer>> answer : answers) {
                assertThat(answer.get()).containsOnly(201);
            }
        } finally {
            pool.shutdownNow();
        }
        int expected = clients * notesEach;
        assertThat(api.get("/api/tickets/" + ticket + "/history").json().findValuesAsText("type"))
                .filteredOn("NoteAdded"::equals).hasSize(expected);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                api.get("/api/tickets/" + ticket).json().path("notes")).hasSize(expected));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndStoresNothing() {
        String ticket = openTicket(acme, "Other body");
        String path = "/api/tickets/" + ticket + "/notes";
        assertThat(api.post(path, Map.of("title", "a", "text", "first", "visibility", "EXTERNAL"),
                "Idempotency-Key", "body-1").status()).isEqualTo(201);
        long before = storedEvents();
        ApiClient.Response other = api.post(path, Map.of("title", "a", "text", "second", "visibility", "EXTERNAL"),
                "Idempotency-Key", "body-1");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.header("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aSecretInTheAnswerIsNeitherKeptNorReplayed() {
        Map<String, Object> user = Map.of("name", "keyed-tina", "roles", List.of("TECHNICIAN"));
        ApiClient.Response first = api.post("/api/users", user, "Idempotency-Key", "user-1");
        assertThat(first.status()).isEqualTo(201);
        String token = first.json().path("token").asText();
        assertThat(token).isNotBlank();

        ApiClient.Response retry = api.post("/api/users", user, "Idempotency-Key", "user-1");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(retry.json().path("token").isNull()).as(retry.toString()).isTrue();
        byte[] kept = jdbc.queryForObject("select body from idempotency_record where idempotency_key = 'user-1'",
                byte[].class);
        assertThat(new String(kept, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(token);
        assertThat(api.as(token).get("/api/tickets").status()).isEqualTo(200);
    }

    @Test
    void anExpiredKeyRunsAgainAndIsPurged() {
        Map<String, Object> body = Map.of("companyId", acme, "title", "Expiring");
        ApiClient.Response first = api.post("/api/tickets", body, "Idempotency-Key", "expiring-1");
        assertThat(first.status()).isEqualTo(201);
        await().pollDelay(Duration.ofMillis(3100)).atMost(Duration.ofSeconds(10)).until(() -> true);
        ApiClient.Response later = api.post("/api/tickets", body, "Idempotency-Key", "expiring-1");
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.header("Idempotent-Replayed")).isEmpty();
        assertThat(later.id()).isNotEqualTo(first.id());

        api.post("/api/tickets", body, "Idempotency-Key", "expiring-2");
        await().pollDelay(Duration.ofMillis(3100)).atMost(Duration.ofSeconds(10)).until(() -> true);
        records.purgeExpired();
        assertThat(jdbc.queryForObject("select count(*) from idempotency_record where idempotency_key like 'expiring-%'",
                Long.class)).isZero();
    }
}
