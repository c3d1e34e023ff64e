package io.psa.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Whether a command costs more as the event store grows: the store is topped up to each size in turn (tickets of
 * ten events, written straight into the store as the system writes them: opened on a contract, four notes, five
 * time entries), every projection catches up, the database is vacuumed, and then the same single-request commands
 * are measured as in the main phase. Prints each size's cost and, at the end, the cost at the largest size against the smallest.
 */
final class StoreGrowthBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS_PER_TICKET = 10;
    private static final int NOTES_PER_TICKET = 4;
    private static final int BATCH = 5000;
    private static final Duration CATCH_UP = Duration.ofMinutes(30);

    private final Benchmark http;
    private final String url;
    private final List<Long> sizes;
    private final int clients;
    private final int commands;
    private final CpuClock cpu;
    private final double rawRate;

    StoreGrowthBenchmark(Benchmark http, String url, List<Long> sizes, int clients, int commands, CpuClock cpu,
                         double rawRate) {
        this.http = http;
        this.url = url;
        this.sizes = sizes;
        this.clients = clients;
        this.commands = commands;
        this.cpu = cpu;
        this.rawRate = rawRate;
    }

    void run() throws Exception {
        String resource = id(http.post("/api/resources", "{\"name\":\"Growth tech\",\"internalCostRate\":55,"
                + "\"billingRate\":110}").body());
        String contract = id(http.post("/api/contracts", "{\"companyId\":\"" + http.company + "\",\"name\":"
                + "\"Growth contract\",\"type\":\"TIME_AND_MATERIALS\",\"startDate\":\"2026-01-01\",\"endDate\":"
                + "\"2026-12-31\",\"hourlyRate\":100}").body());
        List<Measured> measured = new ArrayList<>();
        for (long size : sizes) {
            long stored = stored();
            long started = System.nanoTime();
            if (stored < size) {
                write(size - stored, contract, resource);
            }
            http.awaitProjections(CATCH_UP);
            http.vacuum(url);
            long grown = stored();
            System.out.printf("%nevents in the store: %,d (%,d of them written straight into it now; these written "
                    + "and caught up by every projection in %.0f s)%n", grown, grown - stored,
                    (System.nanoTime() - started) / 1e9);
            // measured twice: right after a catch-up of many events the JIT recompiles what the catch-up bent to
            // its profile, and the first phase costs more (up to 1.8x) than the same store a phase later
            System.out.println("right after the catch-up:");
            Benchmark.report(clients, rawRate, http.drive(clients, commands, 1, true, cpu), 1);
            System.out.println("a phase later (compared below):");
            Benchmark.Result result = http.drive(clients, commands, 1, true, cpu);
            Benchmark.report(clients, rawRate, result, 1);
            measured.add(new Measured(grown, result));
        }
        timeTicketLists();
        Measured smallest = measured.get(0);
        Measured largest = measured.get(measured.size() - 1);
        System.out.printf("%nper command with %,d events in the store against %,d: application CPU %.2f x, "
                + "PostgreSQL CPU %.2f x, latency p50 %.2f x (1.00 = flat)%n", largest.stored(), smallest.stored(),
                largest.applicationSeconds() / smallest.applicationSeconds(),
                largest.postgresSeconds() / smallest.postgresSeconds(),
                largest.result().latency(50) / smallest.result().latency(50));
    }

    /** A dispatcher's lists over every ticket in the store (one company holds them all), median of 5. */
    private void timeTicketLists() throws Exception {
        System.out.printf("%nticket lists over %,d tickets (median of 5):%n", totalTickets());
        for (String query : List.of("companyId=" + http.company + "&status=NEW,IN_PROGRESS&sort=due",
                "companyId=" + http.company + "&sort=priority&page=100", "q=benchmark%20ticket&sort=updated",
                "queue=Level%202&sort=due", "slaMissed=true", "dueWithinMinutes=60&sort=due")) {
            String path = "/api/tickets?" + query;
            double millis = ReportBenchmark.medianMillis(() -> http.get(path));
            System.out.printf("  GET %s: %.1f ms, %,d found%n", path, millis,
                    JSON.readTree(http.get(path).body()).path("totalItems").asLong());
        }
    }

    private long totalTickets() throws Exception {
        return JSON.readTree(http.get("/api/tickets?size=1").body()).path("totalItems").asLong();
    }

    private record Measured(long stored, Benchmark.Result result) {
        double applicationSeconds() {
            return (result.cpu().application() - result.cpu().compiler()) / result.commands();
        }

        double postgresSeconds() {
            return result.cpu().postgres() / result.commands();
        }
    }

    /** About {@code events} more events, in whole tickets. */
    private void write(long events, String contract, String resource) throws Exception {
        try (StoreWriter store = new StoreWriter(http.connect(url))) {
            for (long written = 0; written < events; ) {
                String ticket = UUID.randomUUID().toString();
                store.addOpened(ticket, http.company, contract);
                for (int sequence = 1; sequence < EVENTS_PER_TICKET; sequence++) {
                    if (sequence <= NOTES_PER_TICKET) {
                        store.addNote(ticket, sequence, Benchmark.NOTE);
                    } else {
                        store.addTimeLogged(ticket, sequence, resource, LocalDate.of(2026, 1, 1).plusDays(sequence));
                    }
                }
                long before = written;
                written += EVENTS_PER_TICKET;
                if (written / BATCH > before / BATCH) {
                    store.commit();
                }
            }
            store.commit();
        }
    }

    private long stored() throws Exception {
        try (Connection connection = http.connect(url); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String id(String body) throws Exception {
        return JSON.readTree(body).get("id").asText();
    }
}
