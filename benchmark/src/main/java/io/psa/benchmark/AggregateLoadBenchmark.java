package io.psa.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a long history costs a command: tickets with 10 to N events (notes written straight into the store), then
 * one note after another on each with the ticket cache off, so that every command loads its ticket from the store:
 * once without snapshots, once with them (at {@code --snapshot-threshold}, the system's default unless told), and
 * once as usual, with the cache.
 */
final class AggregateLoadBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COMMANDS = 40;
    private static final int WARM_UP = 400;
    private static final int BATCH = 5_000;
    private static final String NOTE = "{\"title\":\"n\",\"text\":\"a note of about the length a technician writes, "
            + "to make a history of realistic size\",\"visibility\":\"INTERNAL\"}";

    private final Benchmark http;
    private final String url;
    private final int port;
    private final int longest;
    private final int threshold;
    private Process system;

    AggregateLoadBenchmark(Benchmark http, String url, int port, int longest, int threshold, Process system) {
        this.http = http;
        this.url = url;
        this.port = port;
        this.longest = longest;
        this.threshold = threshold;
        this.system = system;
    }

    /** Runs the measurement; answers the system process it leaves running (with the usual settings). */
    Process run() throws Exception {
        Map<Integer, String> tickets = new LinkedHashMap<>();
        for (int events : new TreeSet<>(List.of(10, 100, 1_000, longest))) {
            if (events <= longest) {
                tickets.put(events, ticketWithHistory(events));
            }
        }
        String warmUpTicket = ticketWithHistory(1);
        awaitReadModel(tickets);

        Map<Integer, Double> without = measure(tickets, warmUpTicket, false, "--psa.ticket-cache=false",
                "--psa.snapshot-threshold=0");
        Map<Integer, Double> with = measure(tickets, warmUpTicket, true, "--psa.ticket-cache=false",
                "--psa.snapshot-threshold=" + threshold);
        Map<Integer, Double> cached = measure(Map.of(longest, tickets.get(longest)), warmUpTicket, false);

        System.out.printf("%ncommand latency (a note, one at a time, p50 of %d) by the length of the ticket's history,"
                + " the ticket loaded from the store for every command:%n", COMMANDS);
        tickets.keySet().forEach(events -> System.out.printf("  %,6d events: without snapshots %7.1f ms, with "
                + "snapshots (threshold %d) %5.1f ms%n", events, without.get(events), threshold, with.get(events)));
        System.out.printf("  %,6d events, ticket kept in the cache (as usual): %.1f ms%n", longest, cached.get(longest));
        return system;
    }

    /** A ticket opened over HTTP, followed by {@code events - 1} notes written straight into the store. */
    private String ticketWithHistory(int events) throws Exception {
        String ticket = JSON.readTree(http.post("/api/tickets", "{\"companyId\":\"" + http.company
                + "\",\"title\":\"Long-lived ticket\"}").body()).get("id").asText();
        try (StoreWriter store = new StoreWriter(http.connect(url))) {
            for (int sequence = 1; sequence < events; sequence++) {
                store.add(ticket, sequence, "NoteAdded", "{\"ticketId\":\"" + ticket + "\",\"noteId\":\"note-"
                        + sequence + "\",\"content\":" + NOTE + ",\"author\":\"benchmark\"}");
                if (sequence % BATCH == 0) {
                    store.commit();
                }
            }
            store.commit();
        }
        return ticket;
    }

    /** Restarts the system with {@code settings}, warms it up and measures a note on each ticket. */
    private Map<Integer, Double> measure(Map<Integer, String> tickets, String warmUpTicket, boolean awaitSnapshots,
                                         String... settings) throws Exception {
        system.destroy();
        system.waitFor();
        system = http.start(url, port, "benchmark-system.log", "benchmark", settings);
        http.awaitUp();
        for (int i = 0; i < WARM_UP; i++) {
            note(warmUpTicket);
        }
        Map<Integer, Double> latencies = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> ticket : tickets.entrySet()) {
            if (awaitSnapshots) {
                note(ticket.getValue());   // a load past the threshold takes the snapshot, after this command
                awaitSnapshot(ticket.getValue(), ticket.getKey());
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < COMMANDS; i++) {
                long sent = System.nanoTime();
                note(ticket.getValue());
                times.add((System.nanoTime() - sent) / 1e6);
            }
            latencies.put(ticket.getKey(), Benchmark.Result.percentile(times, 50));
        }
        return latencies;
    }

    private void note(String ticket) throws Exception {
        HttpResponse<String> response = http.post("/api/tickets/" + ticket + "/notes", NOTE);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("a note was refused: " + response.statusCode() + " " + response.body());
        }
    }

    /** Waits for the snapshot of a ticket whose history passes the threshold (they are taken after the commit). */
    private void awaitSnapshot(String ticket, int events) throws Exception {
        try (Connection connection = http.connect(url); PreparedStatement snapshot = connection.prepareStatement(
                "select count(*) from snapshot_event_entry where aggregate_identifier = ?")) {
            snapshot.setString(1, ticket);
            for (int tries = 0; tries < 100 && events > threshold; tries++) {
                try (ResultSet rows = snapshot.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
    }

    /** Waits until the ticket read model has folded every history, so that it does not share the machine later. */
    private void awaitReadModel(Map<Integer, String> tickets) throws Exception {
        try (Connection connection = http.connect(url); PreparedStatement shown = connection.prepareStatement(
                "select last_sequence from ticket_view where ticket_id = ?")) {
            for (Map.Entry<Integer, String> ticket : tickets.entrySet()) {
                shown.setString(1, ticket.getValue());
                while (true) {
                    try (ResultSet rows = shown.executeQuery()) {
                        if (rows.next() && rows.getLong(1) >= ticket.getKey() - 1) {
                            break;
                        }
                    }
                    Thread.sleep(200);
                }
            }
        }
    }
}
