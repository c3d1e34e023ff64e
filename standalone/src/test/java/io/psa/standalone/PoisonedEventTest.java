package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event a projection cannot write is parked in its dead-letter queue while the processor goes on; the parked
 * events are listed and counted for admins, later events of the same aggregate wait behind them, and a retry once
 * the cause is mended applies them. The "cause" is a check constraint the test adds behind the system's back (a
 * value every projection once could not store, say).
 */
class PoisonedEventTest extends ApiTest {

    @AfterEach
    void mendTheTables() {
        jdbc.execute("alter table ticket_view drop constraint if exists test_no_poison");
        jdbc.execute("alter table pf_entry drop constraint if exists test_no_poison");
    }

    /** Other tickets keep coming meanwhile, on every segment of the processor. */
    @Test
    void aTicketTheReadModelCannotTakeIsParkedAndTheOthersGoOn() throws Exception {
        jdbc.execute("alter table ticket_view add constraint test_no_poison check (title <> 'poison')");
        AtomicBoolean busy = new AtomicBoolean(true);
        ExecutorService traffic = Executors.newSingleThreadExecutor();
        traffic.submit(() -> {
            while (busy.get()) {
                openTicket(acme, "traffic");
            }
            return null;
        });
        String poisoned = openTicket(acme, "poison");
        created(api.post("/api/tickets/" + poisoned + "/notes", Map.of("title", "n", "text", "behind the poison",
                "visibility", "INTERNAL")));
        List<String> healthy = IntStream.range(0, 5).mapToObj(i -> openTicket(acme, "healthy " + i)).toList();

        healthy.forEach(ticket -> readUntil("/api/tickets/" + ticket, r -> r.status() == 200));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(parked("ticket-views")).hasSize(2));
        busy.set(false);
        traffic.shutdown();
        assertThat(traffic.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        List<JsonNode> letters = parked("ticket-views");
        assertThat(letters).extracting(letter -> letter.path("aggregateId").asText()).containsOnly(poisoned);
        assertThat(letters).extracting(letter -> letter.path("eventType").asText())
                           .containsExactly("TicketOpened", "NoteAdded");
        assertThat(letters.get(0).path("causeMessage").asText()).isNotBlank();
        assertThat(metric("ticket-views")).isEqualTo(2.0);
        assertThat(api.get("/api/tickets/" + poisoned).status()).isEqualTo(404);

        jdbc.execute("alter table ticket_view drop constraint test_no_poison");
        ApiClient.Response retried = api.post("/api/admin/dead-letters/ticket-views/retry", Map.of());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().path("parkedAfter").asLong()).isZero();
        assertThat(api.get("/api/tickets/" + poisoned).json().path("notes").findValuesAsText("text"))
                .containsExactly("behind the poison");
        assertThat(metric("ticket-views")).isZero();
    }

    @Test
    void aTimeEntryTheReportCannotTakeIsParkedAndTheOthersAreCounted() {
        jdbc.execute("alter table pf_entry add constraint test_no_poison check (description is null "
                     + "or description <> 'poison')");
        String ticket = openTicket(acme, "Work");
        String tech = resource("Tech");
        String poisoned = created(api.post("/api/tickets/" + ticket + "/time-entries", Map.of("resourceId", tech,
                "workDate", "2026-01-15", "hoursWorked", 1, "summary", "poison")));
        String ticket2 = openTicket(acme, "More work");
        String healthy = created(api.post("/api/tickets/" + ticket2 + "/time-entries", Map.of("resourceId", tech,
                "workDate", "2026-01-15", "hoursWorked", 2, "summary", "fine")));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(entries()).contains(healthy));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(parked("profitability"))
                .extracting(letter -> letter.path("eventType").asText()).containsExactly("TimeLogged"));
        assertThat(entries()).doesNotContain(poisoned);

        jdbc.execute("alter table pf_entry drop constraint test_no_poison");
        assertThat(api.post("/api/admin/dead-letters/profitability/retry", Map.of()).json().path("parkedAfter")
                      .asLong()).isZero();
        assertThat(entries()).contains(poisoned, healthy);
    }

    @Test
    void onlyAdminsSeeOrRetryParkedEvents() {
        String technician = api.post("/api/users", Map.of("name", "tech-" + System.nanoTime(),
                "roles", List.of("TECHNICIAN"))).json().path("token").asText();
        assertThat(api.as(technician).get("/api/admin/dead-letters").status()).isEqualTo(403);
        assertThat(api.as(technician).post("/api/admin/dead-letters/ticket-views/retry", Map.of()).status())
                .isEqualTo(403);
        assertThat(api.post("/api/admin/dead-letters/no-such-processor/retry", Map.of()).status()).isEqualTo(404);
    }

    private List<JsonNode> parked(String processor) {
        List<JsonNode> letters = new java.util.ArrayList<>();
        api.get("/api/admin/dead-letters").json().forEach(letter -> {
            if (processor.equals(letter.path("processor").asText())) {
                letters.add(letter);
            }
        });
        return letters;
    }

    private List<String> entries() {
        return jdbc.queryForList("select entry_id from pf_entry", String.class);
    }

    /** The processor's dead-letter gauge, as the metrics endpoint shows it. */
    private double metric(String processor) {
        ApiClient.Response gauge = api.get("/actuator/metrics/psa.projection.dead.letters?tag=processor:" + processor);
        assertThat(gauge.status()).as(gauge.toString()).isEqualTo(200);
        return gauge.json().path("measurements").path(0).path("value").asDouble();
    }
}
