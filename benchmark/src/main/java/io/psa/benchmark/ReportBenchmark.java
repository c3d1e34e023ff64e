package io.psa.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report part of the benchmark: N time entries over M contracts (100 entries a ticket), the time of a one-year
 * report for one contract and for all, and the replay rate of the profitability projection. The contracts go
 * through the API; tickets and time entries are written straight into the event store in the format the system
 * writes (their metadata copied from a real event), since a million commands over HTTP would take an hour here.
 */
final class ReportBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ENTRIES_PER_TICKET = 100;
    private static final int BATCH = 5000;
    private static final Pattern TOKEN_INDEX = Pattern.compile("\"(?:index|globalIndex)\"\\s*:\\s*(\\d+)");
    private static final String YEAR_FROM = "2026-01-01";
    private static final String YEAR_TO = "2026-12-31";
    private static final int FOLD_PAGE = 1_000;
    private static final BigDecimal BASELINE_COST_RATE = new BigDecimal("55");

    private final Benchmark http;
    private final String url;
    private final int entries;
    private final int contracts;
    private Process system;

    ReportBenchmark(Benchmark http, String url, int entries, int contracts, Process system) {
        this.http = http;
        this.url = url;
        this.entries = entries;
        this.contracts = contracts;
        this.system = system;
    }

    /** Runs the report benchmark; answers the system process it leaves running. */
    Process run() throws Exception {
        String resource = id(http.post("/api/resources", "{\"name\":\"Bench tech\",\"internalCostRate\":55,"
                + "\"billingRate\":110}").body());
        List<String> contractIds = new ArrayList<>();
        for (int i = 0; i < contracts; i++) {
            contractIds.add(id(http.post("/api/contracts", "{\"companyId\":\"" + http.company + "\",\"name\":"
                    + "\"Bench contract " + i + "\",\"type\":\"TIME_AND_MATERIALS\",\"startDate\":\"" + YEAR_FROM
                    + "\",\"endDate\":\"" + YEAR_TO + "\",\"hourlyRate\":100}").body()));
        }
        long started = System.nanoTime();
        long written = writeEvents(contractIds, resource);
        double writeSeconds = (System.nanoTime() - started) / 1e9;
        long head = head();
        awaitProjections(head);
        double catchUp = (System.nanoTime() - started) / 1e9;
        System.out.printf("%nreport data: %,d time entries on %,d tickets over %d contracts, written to the event store "
                + "in %.1f s; all projections caught up after %.1f s%n", entries, written - entries, contracts,
                writeSeconds, catchUp);

        double one = medianMillis(() -> http.get("/api/reports/profitability/contracts/" + contractIds.get(0)
                + "?from=" + YEAR_FROM + "&to=" + YEAR_TO));
        double all = medianMillis(() -> http.get("/api/reports/profitability/contracts?from=" + YEAR_FROM + "&to="
                + YEAR_TO));
        System.out.printf("one-year report, one contract (with its %,d entries): %.0f ms; all %d contracts: %.0f ms "
                + "(median of 5)%n", entries / contracts, one, contracts, all);

        double baseline = foldBaseline(head);
        System.out.printf("replay baseline: the same %,d events paged with plain JDBC on one thread, time entries "
                + "parsed, costed and written back as multi-row inserts of 1,000: %,.0f events/s%n", head, baseline);
        for (String projection : List.of("profitability", "ticket-views")) {
            double seconds = rebuild(projection);
            System.out.printf("rebuild of %s (POST /api/admin/projections/%s/rebuild until done): %,d events in "
                    + "%.1f s = %,.0f events/s = %.2f x the baseline%n", projection, projection, head, seconds,
                    head / seconds, head / seconds / baseline);
        }
        return system;
    }

    /** Seconds from the rebuild's request until the system reports it done (the read model served again). */
    private double rebuild(String projection) throws Exception {
        long started = System.nanoTime();
        http.post("/api/admin/projections/" + projection + "/rebuild", "{}");
        while (true) {
            for (JsonNode rebuild : JSON.readTree(http.get("/api/projections/rebuilds").body())) {
                if (rebuild.path("projection").asText().equals(projection)
                    && rebuild.path("state").asText().equals("DONE")) {
                    return (System.nanoTime() - started) / 1e9;
                }
            }
            Thread.sleep(100);
        }
    }

    /**
     * What a replay costs without the framework: every event read in order in pages, the time entries parsed and
     * costed with a rate held in memory, and written into a scratch table one multi-row insert per 1,000 entries.
     */
    private double foldBaseline(long head) throws Exception {
        try (Connection connection = http.connect(url); Statement statement = connection.createStatement()) {
            statement.execute("create schema if not exists baseline");
            statement.execute("drop table if exists baseline.replay_fold");
            statement.execute("create table baseline.replay_fold (entry_id varchar(36) primary key, "
                              + "ticket_id varchar(36) not null, work_date date not null, hours numeric(19, 4) not null, "
                              + "labour_cost numeric(19, 4) not null)");
            connection.setAutoCommit(false);
            long started = System.nanoTime();
            List<Object[]> page = new ArrayList<>(FOLD_PAGE);
            try (PreparedStatement events = connection.prepareStatement("select payload_type, payload from "
                    + "domain_event_entry where global_index <= ? order by global_index")) {
                events.setFetchSize(FOLD_PAGE);
                events.setLong(1, head);
                try (ResultSet rows = events.executeQuery()) {
                    while (rows.next()) {
                        if (rows.getString(1).endsWith("TimeLogged")) {
                            JsonNode event = JSON.readTree(rows.getBytes(2));
                            BigDecimal hours = event.path("content").path("hoursWorked").decimalValue();
                            page.add(new Object[]{event.path("timeEntryId").asText(), event.path("ticketId").asText(),
                                    java.sql.Date.valueOf(event.path("content").path("workDate").asText()), hours,
                                    hours.multiply(BASELINE_COST_RATE)});
                        }
                        if (page.size() == FOLD_PAGE) {
                            insertPage(connection, page);
                        }
                    }
                }
            }
            insertPage(connection, page);
            connection.commit();
            return head / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static void insertPage(Connection connection, List<Object[]> page) throws Exception {
        if (page.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into baseline.replay_fold values "
                + String.join(", ", Collections.nCopies(page.size(), "(?, ?, ?, ?, ?)")))) {
            int parameter = 1;
            for (Object[] row : page) {
                for (Object value : row) {
                    insert.setObject(parameter++, value);
                }
            }
            insert.executeUpdate();
        }
        page.clear();
    }

    /** One TicketOpened per 100 entries, then the TimeLogged events, in batches of 5000 per transaction. */
    private long writeEvents(List<String> contractIds, String resource) throws Exception {
        try (StoreWriter store = new StoreWriter(http.connect(url))) {
            long written = 0;
            String ticket = null;
            for (int i = 0; i < entries; i++) {
                int sequence = i % ENTRIES_PER_TICKET;
                if (sequence == 0) {
                    ticket = UUID.randomUUID().toString();
                    store.addOpened(ticket, http.company,
                            contractIds.get((i / ENTRIES_PER_TICKET) % contractIds.size()));
                    written++;
                }
                store.addTimeLogged(ticket, sequence + 1, resource, LocalDate.parse(YEAR_FROM).plusDays(i % 365));
                written++;
                if (written % BATCH == 0) {
                    store.commit();
                }
            }
            store.commit();
            return written;
        }
    }

    private long head() throws Exception {
        try (Connection connection = http.connect(url); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select max(global_index) from domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Waits until every processor's token has passed {@code head} and the profitability table holds every entry
     * written (the token alone proved not enough: a fresh token can show the head before the events are handled), so
     * that what is measured next does not share the machine with processors still catching up.
     */
    private void awaitProjections(long head) throws Exception {
        try (Connection connection = http.connect(url);
             PreparedStatement tokens = connection.prepareStatement("select token from token_entry");
             PreparedStatement projected = connection.prepareStatement("select count(*) from pf_entry")) {
            while (true) {
                long slowest = Long.MAX_VALUE;
                int segments = 0;
                try (ResultSet rows = tokens.executeQuery()) {
                    while (rows.next()) {
                        segments++;
                        byte[] token = rows.getBytes(1);
                        Matcher index = TOKEN_INDEX.matcher(token == null ? "" : new String(token, StandardCharsets.UTF_8));
                        slowest = Math.min(slowest, index.find() ? Long.parseLong(index.group(1)) : -1);
                    }
                }
                if (segments > 0 && slowest >= head && entriesProjected(projected) >= entries) {
                    return;
                }
                Thread.sleep(200);
            }
        }
    }

    private static long entriesProjected(PreparedStatement count) throws Exception {
        try (ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static double medianMillis(Callable<?> request) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            request.call();
            times.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(times);
        return times.get(2);
    }

    private static String id(String body) throws Exception {
        return JSON.readTree(body).get("id").asText();
    }
}
