package io.psa.standalone;

import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A retried POST with the same Idempotency-Key returns the first answer and changes nothing. */
class IdempotencyKeyTest extends ApiTest {

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
        Map<String, Object> entry = Map.of("resourceId", "r", "workDate", "2026-01-15", "hoursWorked", 1);
        api.post("/api/tickets/" + ticket + "/status", Map.of("status", "COMPLETE"));
        assertThat(api.post("/api/tickets/" + ticket + "/time-entries", entry, "Idempotency-Key", "t-1").status())
                .isEqualTo(409);
        api.post("/api/tickets/" + ticket + "/status", Map.of("status", "IN_PROGRESS"));
        assertThat(api.post("/api/tickets/" + ticket + "/time-entries", entry, "Idempotency-Key", "t-1").status())
                .isEqualTo(201);
    }
}
