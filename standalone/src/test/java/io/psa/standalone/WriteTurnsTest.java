package io.psa.standalone;

import io.psa.platform.test.ApiClient;
import io.psa.platform.test.PostgresTest;
import io.psa.platform.web.WriteTurnsFilter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API writes take turns (one at a time here, one waiting at most): a write waits for its turn, one that gets none
 * within the wait is refused with 503 and Retry-After, having done nothing, and so is one that finds the queue full;
 * reads and admin operations take no turn; a body sent slowly holds none; a write's answer goes out whole.
 */
@TestPropertySource(properties = {"psa.write-concurrency=1", "psa.write-wait=1s", "psa.write-queue=1"})
class WriteTurnsTest extends ApiTest {
    @Autowired
    WriteTurnsFilter.WriteTurns turns;

    @Test
    void aWriteThatGetsNoTurnWithinTheWaitIsRefusedAndDoesNothing() {
        long events = storedEvents();
        assertThat(turns.take(Duration.ZERO)).as("the only turn, held by another write").isTrue();
        try {
            ApiClient.Response refused = api.post("/api/companies", Map.of("name", "Waited too long"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).contains("1");
            assertThat(refused.json().get("detail").asText()).startsWith("No turn came for this write within 1000 ms");
            assertThat(api.get("/api/companies").status()).as("a read takes no turn").isEqualTo(200);
            assertThat(api.post("/api/admin/outbox/" + UUID.randomUUID() + "/retry", Map.of()).status())
                    .as("an admin operation takes no turn: it reaches its controller").isEqualTo(404);
        } finally {
            turns.giveBack();
        }
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(api.post("/api/companies", Map.of("name", "In turn")).status()).isEqualTo(201);
    }

    @Test
    void aWriteWaitsForItsTurnAndOneMoreFindsTheQueueFull() throws Exception {
        assertThat(turns.take(Duration.ZERO)).isTrue();
        CompletableFuture<ApiClient.Response> waiting;
        try {
            waiting = CompletableFuture.supplyAsync(() -> api.post("/api/companies", Map.of("name", "Patient")));
            await().atMost(Duration.ofSeconds(10)).until(() -> turns.waiting() == 1);

            ApiClient.Response crowded = api.post("/api/companies", Map.of("name", "One too many"));
            assertThat(crowded.status()).isEqualTo(503);
            assertThat(crowded.json().get("detail").asText())
                    .startsWith("Too many writes are waiting for their turn already");
            assertThat(waiting).isNotDone();
        } finally {
            turns.giveBack();
        }
        assertThat(waiting.get(5, TimeUnit.SECONDS).status()).isEqualTo(201);
    }

    @Test
    void aBodySentSlowlyHoldsNoTurn() throws Exception {
        byte[] body = "{\"name\":\"Sent slowly\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket slow = new Socket("127.0.0.1", port)) {
            slow.setSoTimeout(30_000);
            OutputStream out = slow.getOutputStream();
            out.write(("POST /api/companies HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                       + PostgresTest.ADMIN_TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: "
                       + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(body, 0, 5);
            out.flush();
            Thread.sleep(500);   // the slow request is in the server, its body not yet complete

            assertThat(api.post("/api/companies", Map.of("name", "Sent at once")).status())
                    .as("the only turn is free while the slow body arrives").isEqualTo(201);

            out.write(body, 5, body.length - 5);
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(slow.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 201");
        }
    }

    @Test
    void aWritesAnswerGoesOutWholeWithItsLengthAndALongOneComplete() {
        ApiClient.Response opened = api.post("/api/companies", Map.of("name", "Answered whole"));
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.header("Content-Length")).contains(String.valueOf(opened.bytes().length));
        assertThat(opened.header("Transfer-Encoding")).as("not sent in chunks").isEmpty();

        String ticket = openTicket(acme, "Many notes");
        List<Map<String, Object>> notes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            notes.add(Map.of("ticketId", ticket, "addNote", Map.of("title", "n" + i, "text", "note " + i,
                    "visibility", "INTERNAL")));
        }
        ApiClient.Response batch = api.post("/api/tickets/batch", Map.of("commands", notes));
        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.bytes().length).as("longer than the web server's buffer").isGreaterThan(8192);
        assertThat(batch.json().path("results")).hasSize(100);
    }
}
