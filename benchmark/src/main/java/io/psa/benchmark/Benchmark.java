package io.psa.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives the PostgreSQL-backed system, started as its own process, with N concurrent HTTP clients issuing ticket
 * commands, and measures in the same run, at the same concurrency, the raw PostgreSQL rate of single-row insert
 * transactions: the ratio between the two is the figure to watch, not the absolute numbers of one machine.
 *
 * <pre>java -jar benchmark/target/psa-benchmark.jar [--clients 16] [--commands 6000] [--jar standalone/target/psa-standalone.jar]
 *     [--db jdbc:postgresql://127.0.0.1:5432/postgres] [--db-user postgres] [--db-password ""]
 *     [--system-args "--some.property=value ..."] [--report-entries 1000000 --report-contracts 500]
 *     [--sync-notes 1000 --sync-backlog 10000] [--long-ticket-events 10000 --snapshot-threshold 250]</pre>
 */
public final class Benchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "benchmark-admin-token";
    private static final int LAG_POLL_MS = 5;

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String baseUrl;
    String company;

    private Benchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("clients", "16", "commands", "6000",
                "jar", "standalone/target/psa-standalone.jar", "db", "jdbc:postgresql://127.0.0.1:5432/postgres",
                "db-user", "postgres", "db-password", "", "system-args", "", "report-entries", "0",
                "report-contracts", "500"));
        options.putAll(Map.of("sync-notes", "0", "sync-backlog", "10000", "long-ticket-events", "0",
                "snapshot-threshold", "250"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new Benchmark(options).run();
    }

    private int clients() {
        return Integer.parseInt(options.get("clients"));
    }

    private int commands() {
        return Integer.parseInt(options.get("commands"));
    }

    private void run() throws Exception {
        String database = "psa_bench_" + System.currentTimeMillis();
        admin("create database " + database);
        String url = options.get("db").replaceFirst("/[^/?]+(\\?.*)?$", "/" + database);
        Process system = null;
        try {
            double rawRate = rawInserts(url);
            int port = freePort();
            baseUrl = "http://127.0.0.1:" + port;
            options.put("system-db", url);
            system = start(url, port);
            awaitUp();
            company = JSON.readTree(post("/api/companies", "{\"name\":\"Benchmark Co\"}").body()).get("id").asText();
            System.out.printf("warming up ...%n");
            drive(Math.min(500, commands()), false);
            Result result = drive(commands(), true);

            System.out.printf("%nclients: %d, commands: %d (each client: open a ticket, then 3 notes and 1 time entry on it)%n",
                    clients(), commands());
            System.out.printf("raw PostgreSQL single-row insert transactions: %,.0f/s%n", rawRate);
            System.out.printf("ticket commands over HTTP, acknowledged:       %,.0f/s  = %.2f x raw inserts%n",
                    result.rate(), result.rate() / rawRate);
            System.out.printf("command latency:  p50 %.1f ms   p99 %.1f ms%n", result.latency(50), result.latency(99));
            System.out.printf("projection lag (acknowledged -> visible in the read model, %d commands, %d ms polls):"
                              + "  p50 %.1f ms   p99 %.1f ms%n", result.lags().size(), LAG_POLL_MS, result.lag(50), result.lag(99));
            System.out.printf("failed commands: %d%n", result.failures());
            int syncNotes = Integer.parseInt(options.get("sync-notes"));
            if (syncNotes > 0) {
                new SyncBenchmark(this, baseUrl, url, syncNotes, Integer.parseInt(options.get("sync-backlog"))).run();
            }
            int reportEntries = Integer.parseInt(options.get("report-entries"));
            if (reportEntries > 0) {
                system = new ReportBenchmark(this, url, reportEntries, Integer.parseInt(options.get("report-contracts")),
                        system).run();
            }
            int longTicket = Integer.parseInt(options.get("long-ticket-events"));
            if (longTicket > 0) {
                system = new AggregateLoadBenchmark(this, url, port, longTicket,
                        Integer.parseInt(options.get("snapshot-threshold")), system).run();
            }
        } finally {
            if (system != null) {
                system.destroy();
                system.waitFor();
            }
            admin("drop database if exists " + database + " with (force)");
        }
    }

    /** Same concurrency, same count: each insert its own transaction, like each command's event append. */
    private double rawInserts(String url) throws Exception {
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            // a schema apart: the system's Flyway wants its own schema empty on first start
            statement.execute("create schema baseline");
            statement.execute("create table baseline.raw_insert (id varchar(36) primary key, payload bytea not null)");
        }
        byte[] payload = new byte[240];   // about the size of a serialized ticket event
        AtomicInteger remaining = new AtomicInteger(commands());
        List<Callable<Void>> workers = new ArrayList<>();
        for (int i = 0; i < clients(); i++) {
            workers.add(() -> {
                try (Connection connection = connect(url);
                     PreparedStatement insert = connection.prepareStatement("insert into baseline.raw_insert values (?, ?)")) {
                    connection.setAutoCommit(true);
                    while (remaining.getAndDecrement() > 0) {
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setBytes(2, payload);
                        insert.executeUpdate();
                    }
                }
                return null;
            });
        }
        long start = System.nanoTime();
        runAll(workers);
        return commands() / ((System.nanoTime() - start) / 1e9);
    }

    record Result(double rate, List<Double> latencies, List<Double> lags, int failures) {
        double latency(int percentile) {
            return percentile(latencies, percentile);
        }

        double lag(int percentile) {
            return percentile(lags, percentile);
        }

        static double percentile(List<Double> values, int percentile) {
            if (values.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
        }
    }

    private Result drive(int total, boolean measure) throws Exception {
        AtomicInteger remaining = new AtomicInteger(total);
        AtomicInteger failures = new AtomicInteger();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        LagWatcher lagWatcher = new LagWatcher();
        Thread watcher = new Thread(lagWatcher, "lag-watcher");
        if (measure) {
            watcher.start();
        }
        List<Callable<Void>> workers = new ArrayList<>();
        for (int i = 0; i < clients(); i++) {
            workers.add(() -> {
                String ticket = null;
                int sequence = 0;   // of the ticket's event this command appends: 0 open, 1-3 notes, 4 time
                while (remaining.getAndDecrement() > 0) {
                    long sent = System.nanoTime();
                    HttpResponse<String> response;
                    if (ticket == null || sequence == 5) {
                        sequence = 0;
                        response = post("/api/tickets", "{\"companyId\":\"" + company + "\",\"title\":\"Benchmark ticket\"}");
                        ticket = response.statusCode() == 201 ? JSON.readTree(response.body()).get("id").asText() : null;
                    } else if (sequence == 4) {
                        response = post("/api/tickets/" + ticket + "/time-entries",
                                "{\"resourceId\":\"r1\",\"workDate\":\"2026-01-15\",\"hoursWorked\":0.25}");
                    } else {
                        response = post("/api/tickets/" + ticket + "/notes",
                                "{\"title\":\"n\",\"text\":\"benchmark note\",\"visibility\":\"INTERNAL\"}");
                    }
                    long acknowledged = System.nanoTime();
                    if (response.statusCode() >= 300) {
                        failures.incrementAndGet();
                        ticket = null;
                        continue;
                    }
                    if (measure) {
                        latencies.add((acknowledged - sent) / 1e6);
                        lagWatcher.expect(ticket, sequence, acknowledged);
                    }
                    sequence++;
                }
                return null;
            });
        }
        long start = System.nanoTime();
        runAll(workers);
        double seconds = (System.nanoTime() - start) / 1e9;
        lagWatcher.finish();
        if (measure) {
            watcher.join(Duration.ofMinutes(5).toMillis());
        }
        return new Result(total / seconds, latencies, lagWatcher.lags(), failures.get());
    }

    /**
     * Measures the projection lag of every acknowledged command without loading the system: one thread asks the read
     * model every {@value #LAG_POLL_MS} ms which of the awaited (ticket, sequence) pairs it shows yet.
     */
    private final class LagWatcher implements Runnable {
        private record Awaited(String ticket, int sequence, long acknowledged) {
        }

        private final java.util.concurrent.ConcurrentLinkedQueue<Awaited> incoming =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final List<Double> lags = new ArrayList<>();
        private volatile boolean finished;

        void expect(String ticket, int sequence, long acknowledged) {
            incoming.add(new Awaited(ticket, sequence, acknowledged));
        }

        void finish() {
            finished = true;
        }

        List<Double> lags() {
            return lags;
        }

        @Override
        public void run() {
            List<Awaited> pending = new ArrayList<>();
            try (Connection connection = connect(options.get("system-db"));
                 PreparedStatement shown = connection.prepareStatement(
                         "select ticket_id, last_sequence from ticket_view where ticket_id = any (?)")) {
                while (!(finished && incoming.isEmpty() && pending.isEmpty())) {
                    for (Awaited next; (next = incoming.poll()) != null; ) {
                        pending.add(next);
                    }
                    Map<String, Long> sequences = new HashMap<>();
                    shown.setArray(1, connection.createArrayOf("varchar",
                            pending.stream().map(Awaited::ticket).distinct().toArray()));
                    try (var rows = shown.executeQuery()) {
                        while (rows.next()) {
                            sequences.put(rows.getString(1), rows.getLong(2));
                        }
                    }
                    long now = System.nanoTime();
                    pending.removeIf(awaited -> {
                        boolean visible = sequences.getOrDefault(awaited.ticket(), -1L) >= awaited.sequence();
                        if (visible) {
                            lags.add((now - awaited.acknowledged()) / 1e6);
                        }
                        return visible;
                    });
                    Thread.sleep(LAG_POLL_MS);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException("lag watcher failed", e);
            }
        }
    }

    Process start(String url, int port) throws IOException {
        return start(url, port, "benchmark-system.log", "benchmark");
    }

    /**
     * The system as its own process on {@code url}; {@code instanceId} names it as the origin of its events;
     * {@code settings} come after the benchmark's {@code --system-args}.
     */
    Process start(String url, int port, String logName, String instanceId, String... settings) throws IOException {
        Path jar = Path.of(options.get("jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -q -DskipTests package)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--spring.profiles.active=postgres", "--server.port=" + port,
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + options.get("db-user"),
                "--spring.datasource.password=" + options.get("db-password"), "--psa.admin-token=" + TOKEN,
                "--psa.data-dir=" + Files.createTempDirectory("psa-bench"), "--psa.instance-id=" + instanceId,
                // the instances of the sync benchmark call each other on loopback
                "--psa.outbound-allow-private=true"));
        // further settings of the system under test, to compare configurations in one command
        command.addAll(List.of(options.get("system-args").split(" +")).stream().filter(a -> !a.isBlank()).toList());
        command.addAll(List.of(settings));
        File log = new File("benchmark/target/" + logName);
        log.getParentFile().mkdirs();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    void awaitUp() throws InterruptedException {
        awaitUp(baseUrl);
    }

    void awaitUp(String base) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (send(base, "GET", "/actuator/health", null).statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the system did not start; see benchmark/target/benchmark-system.log");
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return send(baseUrl, "POST", path, body);
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(baseUrl, "GET", path, null);
    }

    /** A JSON request with the benchmark's admin token to the instance at {@code base}. */
    HttpResponse<String> send(String base, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                                                 .header("Authorization", "Bearer " + TOKEN);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                                             : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    void admin(String sql) throws SQLException {
        try (Connection connection = connect(options.get("db")); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, options.get("db-user"), options.get("db-password"));
    }

    private static void runAll(List<Callable<Void>> workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            for (Future<Void> done : pool.invokeAll(workers)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
