package io.psa.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a long history costs a command: tickets with 100 to N events written straight into the store, of two kinds
 * (every event a note, so the ticket's state grows with its history; or status moves back and forth, so it does
 * not), then one note after another on each with the ticket cache off, so that every command loads its ticket:
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
        Map<String, String> tickets = new LinkedHashMap<>();
        for (History history : History.values()) {
            for (int events : new TreeSet<>(List.of(100, 1_000, longest))) {
                if (events <= longest) {
                    tickets.put(history.label(events), ticketWithHistory(history, events));
                }
            }
        }
        String warmUpTicket = ticketWithHistory(History.NOTES, 1);
        awaitReadModel(tickets.values());

        Map<String, Double> without = measure(tickets, warmUpTicket, false, "--psa.ticket-cache=false",
                "--psa.snapshot-threshold=0");
        Map<String, Double> with = measure(tickets, warmUpTicket, true, "--psa.ticket-cache=false",
                "--psa.snapshot-threshold=" + threshold);
        String longestNotes = History.NOTES.label(longest);
        Map<String, Double> cached = measure(Map.of(longestNotes, tickets.get(longestNotes)), warmUpTicket, false);

        System.out.printf("%ncommand latency (a note, one at a time, p50 of %d) by the ticket's history, the ticket "
                + "loaded from the store for every command:%n", COMMANDS);
        tickets.keySet().forEach(history -> System.out.printf("  %-28s without snapshots %7.1f ms, with snapshots "
                + "(threshold %d) %5.1f ms%n", history + ":", without.get(history), threshold, with.get(history)));
        System.out.printf("  %-28s kept in the ticket cache (as usual): %.1f ms%n", longestNotes + ":",
                cached.get(longestNotes));
        return system;
    }

    private enum History {
        /** Every event a note: the ticket's state grows with its history. */
        NOTES,
        /** Moves between IN_PROGRESS and WAITING_CUSTOMER: the history grows, the state does not. */
        STATUS_MOVES;

        String label(int events) {
            return String.format("%,d events, %s", events, name().toLowerCase().replace('_', ' '));
        }

        String event(String ticket, int sequence) {
            if (this == NOTES) {
                return "{\"ticketId\":\"" + ticket + "\",\"noteId\":\"note-" + sequence + "\",\"content\":" + NOTE
                       + ",\"author\":\"benchmark\"}";
            }
            String from = sequence == 1 ? "NEW" : sequence % 2 == 0 ? "IN_PROGRESS" : "WAITING_CUSTOMER";
            String to = sequence % 2 == 0 ? "WAITING_CUSTOMER" : "IN_PROGRESS";
            return "{\"ticketId\":\"" + ticket + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
        }

        String type() {
            return this == NOTES ? "NoteAdded" : "TicketStatusChanged";
        }
    }

    /** A ticket opened over HTTP, followed by {@code events - 1} events written straight into the store. */
    private String ticketWithHistory(History history, int events) throws Exception {
        String ticket = JSON.readTree(http.post("/api/tickets", "{\"companyId\":\"" + http.company
                + "\",\"title\":\"Long-lived ticket\"}").body()).get("id").asText();
        try (StoreWriter store = new StoreWriter(http.connect(url))) {
            for (int sequence = 1; sequence < events; sequence++) {
                store.add(ticket, sequence, history.type(), history.event(ticket, sequence));
                if (sequence % BATCH == 0) {
                    store.commit();
                }
            }
            store.commit();
        }
        return ticket;
    }

    /** Restarts the system with {@code settings}, warms it up and measures a note on each ticket. */
    private Map<String, Double> measure(Map<String, String> tickets, String warmUpTicket, boolean awaitSnapshots,
                                        String... settings) throws Exception {
        system.destroy();
        system.waitFor();
        system = http.start(url, port, "benchmark-system.log", "benchmark", settings);
        http.awaitUp();
        for (int i = 0; i < WARM_UP; i++) {
            note(warmUpTicket);
        }
        Map<String, Double> latencies = new LinkedHashMap<>();
        for (Map.Entry<String, String> ticket : tickets.entrySet()) {
            if (awaitSnapshots) {
                note(ticket.getValue());   // a load past the threshold takes the snapshot, after this command
                awaitSnapshot(ticket.getValue());
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
        Driver.Answer response = http.post("/api/tickets/" + ticket + "/notes", NOTE);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("a note was refused: " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * Waits a little for the snapshot of a ticket whose history passed the threshold (they are taken after the
     * commit); a shorter one gets none.
     */
    private void awaitSnapshot(String ticket) throws Exception {
        try (Connection connection = http.connect(url); PreparedStatement snapshot = connection.prepareStatement(
                "select count(*) from snapshot_event_entry where aggregate_identifier = ?")) {
            snapshot.setString(1, ticket);
            for (int tries = 0; tries < 50; tries++) {
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
    private void awaitReadModel(java.util.Collection<String> tickets) throws Exception {
        try (Connection connection = http.connect(url); PreparedStatement shown = connection.prepareStatement(
                "select v.last_sequence = (select max(e.sequence_number) from domain_event_entry e "
                + "where e.aggregate_identifier = v.ticket_id) from ticket_view v where v.ticket_id = ?")) {
            for (String ticket : tickets) {
                shown.setString(1, ticket);
                while (true) {
                    try (ResultSet rows = shown.executeQuery()) {
                        if (rows.next() && rows.getBoolean(1)) {
                            break;
                        }
                    }
                    Thread.sleep(200);
                }
            }
        }
    }
}
