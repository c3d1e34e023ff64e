package io.psa.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives the system, started as its own process (on PostgreSQL, or with {@code --storage h2} on its embedded default),
 * with N concurrent HTTP clients issuing ticket commands, and measures in the same run, at the same concurrency, the
 * raw rate of single-row insert transactions on the same storage: the ratio between the two is the figure to watch,
 * not the absolute numbers of one machine. Beside rates and latencies it prints the CPU each command cost the system
 * and PostgreSQL (read from the operating system) and what the benchmark itself spent.
 *
 * <p>The options are in {@link #USAGE}.
 */
public final class Benchmark {
    private static final String USAGE = """
            java -jar benchmark/target/psa-benchmark.jar [--clients 4,16] [--commands 6000] [--batch 10]
                [--storage postgres|h2] [--jar standalone/target/psa-standalone.jar]
                [--db jdbc:postgresql://127.0.0.1:5432/postgres] [--db-user postgres] [--db-password ""]
                [--system-args "--some.property=value ..."] [--report-entries 1000000 --report-contracts 500]
                [--sync-notes 1000 --sync-backlog 10000] [--long-ticket-events 10000 --snapshot-threshold 250]
                [--store-growth 100000,1000000] [--warm-up-rounds 30]""";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "benchmark-admin-token";
    private static final int LAG_POLL_MS = 5;
    /** Commands per warm-up round; warming up ends with the first round in which the JIT compiled for less than ... */
    private static final int WARM_UP_ROUND = 1_000;
    /** ... this share of the round's time. */
    private static final double QUIET_JIT = 0.05;
    static final String NOTE = "{\"title\":\"n\",\"text\":\"benchmark note\",\"visibility\":\"INTERNAL\"}";
    /** A time entry of the registered resource {@link #resource}. */
    private String time() {
        return "{\"resourceId\":\"" + resource + "\",\"workDate\":\"2026-01-15\",\"hoursWorked\":0.25}";
    }

    private final Map<String, String> options;
    private Driver driver;
    private String baseUrl;
    String company;
    String resource;

    private Benchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("clients", "4,16", "commands", "6000",
                "jar", "standalone/target/psa-standalone.jar", "db", "jdbc:postgresql://127.0.0.1:5432/postgres",
                "db-user", "postgres", "db-password", "", "system-args", "", "report-entries", "0",
                "report-contracts", "500"));
        options.putAll(Map.of("sync-notes", "0", "sync-backlog", "10000", "long-ticket-events", "0",
                "snapshot-threshold", "250", "storage", "postgres", "batch", "10", "store-growth", "",
                "warm-up-rounds", "30"));
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!options.containsKey(name) || i + 1 == args.length) {
                // An option misspelt or without its value would otherwise be ignored in a run of many minutes.
                System.err.println("usage: " + USAGE);
                System.exit(args[i].equals("--help") ? 0 : 2);
            }
            options.put(name, args[i + 1]);
        }
        new Benchmark(options).run();
    }

    private List<Integer> concurrencies() {
        return Arrays.stream(options.get("clients").split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    private int commands() {
        return Integer.parseInt(options.get("commands"));
    }

    private boolean onPostgres() {
        return !"h2".equals(options.get("storage"));
    }

    private void run() throws Exception {
        String database = "psa_bench_" + System.currentTimeMillis();
        admin("create database " + database);
        String url = options.get("db").replaceFirst("/[^/?]+(\\?.*)?$", "/" + database);
        int maxClients = concurrencies().stream().max(Integer::compare).orElseThrow();
        driver = new Driver(maxClients + 2, TOKEN);
        Process system = null;
        try {
            Map<Integer, Double> raw = new LinkedHashMap<>();
            for (int clients : concurrencies()) {
                raw.put(clients, onPostgres() ? RawInserts.postgres(this, url, clients, commands())
                                              : RawInserts.h2(clients, commands()));
            }
            int port = freePort();
            baseUrl = "http://127.0.0.1:" + port;
            options.put("system-db", url);
            system = onPostgres() ? start(url, port) : startOnH2(port);
            awaitUp();
            company = JSON.readTree(post("/api/companies", "{\"name\":\"Benchmark Co\"}").body()).get("id").asText();
            resource = JSON.readTree(post("/api/resources", "{\"name\":\"Benchmark tech\",\"internalCostRate\":50,"
                    + "\"billingRate\":100}").body()).get("id").asText();
            int batch = Integer.parseInt(options.get("batch"));
            warmUp(maxClients, batch);
            if (onPostgres()) {
                vacuum(url);
            }
            CpuClock cpu = new CpuClock(system.toHandle());
            System.out.printf("%nstorage: %s; each client opens a ticket, then 3 notes and 1 time entry on it, "
                    + "%,d commands per concurrency%n", onPostgres() ? "PostgreSQL" : "embedded H2 (the default)",
                    commands());
            for (int clients : concurrencies()) {
                report(clients, raw.get(clients), drive(clients, commands(), 1, true, cpu), 1);
                if (batch > 1) {
                    report(clients, raw.get(clients), drive(clients, commands(), batch, true, cpu), batch);
                }
            }
            if (!options.get("store-growth").isBlank() && onPostgres()) {
                new StoreGrowthBenchmark(this, url, Arrays.stream(options.get("store-growth").split(","))
                        .map(String::trim).map(Long::parseLong).toList(), maxClients, commands(), cpu, raw.get(maxClients))
                        .run();
            }
            int syncNotes = Integer.parseInt(options.get("sync-notes"));
            if (syncNotes > 0 && onPostgres()) {
                new SyncBenchmark(this, baseUrl, url, syncNotes, Integer.parseInt(options.get("sync-backlog"))).run();
            }
            int reportEntries = Integer.parseInt(options.get("report-entries"));
            if (reportEntries > 0 && onPostgres()) {
                system = new ReportBenchmark(this, url, reportEntries, Integer.parseInt(options.get("report-contracts")),
                        system).run();
            }
            int longTicket = Integer.parseInt(options.get("long-ticket-events"));
            if (longTicket > 0 && onPostgres()) {
                system = new AggregateLoadBenchmark(this, url, port, longTicket,
                        Integer.parseInt(options.get("snapshot-threshold")), system).run();
            }
        } finally {
            if (system != null) {
                system.destroy();
                system.waitFor();
            }
            driver.close();
            admin("drop database if exists " + database + " with (force)");
        }
    }

    static void report(int clients, double rawRate, Result result, int perRequest) {
        if (perRequest == 1) {
            System.out.printf("%nclients: %d%n", clients);
            System.out.printf("raw single-row insert transactions: %,.0f/s%n", rawRate);
            System.out.printf("ticket commands over HTTP, acknowledged: %,.0f/s = %.2f x raw inserts%n", result.rate(),
                    result.rate() / rawRate);
            System.out.printf("command latency: p50 %.1f ms, p99 %.1f ms%n", result.latency(50), result.latency(99));
        } else {
            System.out.printf("batched commands (%d per request): %,.0f/s = %.2f x raw inserts%n", perRequest,
                    result.rate(), result.rate() / rawRate);
            System.out.printf("batch latency: p50 %.1f ms, p99 %.1f ms%n", result.latency(50), result.latency(99));
        }
        if (result.lags().getTotalCount() > 0) {
            System.out.printf("projection lag (acknowledged -> visible in the read model, %d ms polls): p50 %.1f ms, "
                    + "p99 %.1f ms (at least p50 %.1f, p99 %.1f: when the poll before was sent)%n", LAG_POLL_MS,
                    result.lag(50), result.lag(99), result.lagAtLeast(50), result.lagAtLeast(99));
        }
        CpuClock.Reading cpu = result.cpu();
        System.out.printf("server CPU per command: application %.2f ms + PostgreSQL %.2f ms%n",
                (cpu.application() - cpu.compiler()) * 1000 / result.commands(),
                cpu.postgres() * 1000 / result.commands());
        System.out.printf("the system's JIT compiler meanwhile (not counted above): %.2f ms per command%n",
                cpu.compiler() * 1000 / result.commands());
        System.out.printf("driver CPU per command: %.2f ms%n", cpu.driver() * 1000 / result.commands());
        System.out.printf("failed commands: %d%n", result.failures());
    }

    /**
     * Drives the system until its JIT is quiet: rounds of commands until one in which the system's JIT compiled for
     * less than {@value #QUIET_JIT} of the round's time, or {@code --warm-up-rounds} rounds (a short warm-up left it
     * compiling for minutes; on two cores, 30 rounds still leave it compiling). With batches measured, each round
     * also sends as many commands in batches: warmed up with single commands alone, the JIT compiled for 0.1-0.3 ms
     * per batched command while batches were measured.
     */
    private void warmUp(int clients, int batch) throws Exception {
        int rounds = 0;
        int mostRounds = Integer.parseInt(options.get("warm-up-rounds"));
        double compiled = compilationMillis();
        double share;
        do {
            long started = System.nanoTime();
            drive(clients, WARM_UP_ROUND, 1, false, null);
            if (batch > 1) {
                drive(clients, WARM_UP_ROUND, batch, false, null);
            }
            double roundMillis = (System.nanoTime() - started) / 1e6;
            double nowCompiled = compilationMillis();
            share = (nowCompiled - compiled) / roundMillis;
            compiled = nowCompiled;
            rounds++;
            if (rounds % 10 == 0) {
                System.out.printf("warm-up round %d: the JIT compiled for %.1f%% of the time%n", rounds, share * 100);
            }
        } while (rounds < mostRounds && (share >= QUIET_JIT || rounds < 2));
        awaitProjections();   // the measured commands do not pay for the warm-up's backlog
        int perRound = batch > 1 ? 2 * WARM_UP_ROUND : WARM_UP_ROUND;
        System.out.printf("warmed up with %,d commands%s; in the last round of %,d the JIT compiled for %.1f%% of the "
                + "time (the aim: under %.0f%%)%n", rounds * perRound, batch > 1 ? ", half of them in batches" : "",
                perRound, share * 100, QUIET_JIT * 100);
    }

    private double compilationMillis() throws Exception {
        return JSON.readTree(get("/actuator/metrics/jvm.compilation.time").body()).path("measurements").get(0)
                   .path("value").asDouble();
    }

    /**
     * {@code lags}: until the answer of the poll that saw the command's effect; {@code lagsAtLeast}: until the poll
     * before it was sent, which did not see it yet (a poll that waits for the database counts in the first only).
     */
    record Result(int commands, double rate, Histogram latencies, Histogram lags, Histogram lagsAtLeast, int failures,
                  CpuClock.Reading cpu) {
        double latency(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1000.0;
        }

        double lag(double percentile) {
            return lags.getValueAtPercentile(percentile) / 1000.0;
        }

        double lagAtLeast(double percentile) {
            return lagsAtLeast.getValueAtPercentile(percentile) / 1000.0;
        }

        static double percentile(List<Double> values, int percentile) {
            Histogram histogram = new Histogram(3);
            values.forEach(value -> histogram.recordValue(Math.round(value * 1000)));
            return histogram.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /**
     * {@code total} commands by {@code clients} clients, {@code perRequest} in each request (1: each alone; a
     * multiple of 5: batches of whole tickets); measured, with the latency of each request and, on PostgreSQL, the
     * projection lag, and the CPU spent until every projection has caught up.
     */
    Result drive(int clients, int total, int perRequest, boolean measure, CpuClock cpu) throws Exception {
        AtomicInteger remaining = new AtomicInteger(total);
        AtomicInteger failures = new AtomicInteger();
        Histogram latencies = new Histogram(3);   // microseconds
        LagWatcher lagWatcher = measure && onPostgres() ? new LagWatcher() : null;
        Thread watcher = lagWatcher == null ? null : new Thread(lagWatcher, "lag-watcher");
        CpuClock.Reading before = cpu == null ? null : cpu.read();
        if (watcher != null) {
            watcher.start();
        }
        List<Callable<Void>> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(perRequest == 1 ? () -> {
                String ticket = null;
                int sequence = 0;   // of the ticket's event this command appends: 0 open, 1-3 notes, 4 time
                while (remaining.getAndDecrement() > 0) {
                    long sent = System.nanoTime();
                    Driver.Answer response;
                    if (ticket == null || sequence == 5) {
                        sequence = 0;
                        response = post("/api/tickets", openTicket());
                        ticket = response.statusCode() == 201 ? JSON.readTree(response.body()).get("id").asText() : null;
                    } else if (sequence == 4) {
                        response = post("/api/tickets/" + ticket + "/time-entries", time());
                    } else {
                        response = post("/api/tickets/" + ticket + "/notes", NOTE);
                    }
                    long acknowledged = System.nanoTime();
                    if (response.statusCode() >= 300) {
                        failures.incrementAndGet();
                        ticket = null;
                        continue;
                    }
                    if (measure) {
                        record(latencies, acknowledged - sent);
                        if (lagWatcher != null) {
                            lagWatcher.expect(ticket, sequence, acknowledged);
                        }
                    }
                    sequence++;
                }
                return null;
            } : () -> {
                String body = batchOfTickets(perRequest / 5);
                while (remaining.getAndAdd(-perRequest) > 0) {
                    long sent = System.nanoTime();
                    Driver.Answer response = post("/api/tickets/batch", body);
                    long acknowledged = System.nanoTime();
                    if (response.statusCode() != 200) {
                        failures.addAndGet(perRequest);
                        continue;
                    }
                    if (measure) {
                        record(latencies, acknowledged - sent);
                        JsonNode results = JSON.readTree(response.body()).path("results");
                        for (int opened = 0; lagWatcher != null && opened < results.size(); opened += 5) {
                            lagWatcher.expect(results.get(opened).path("id").asText(), 4, acknowledged);
                        }
                    }
                }
                return null;
            });
        }
        long start = System.nanoTime();
        runAll(workers);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (lagWatcher != null) {
            lagWatcher.finish();
            watcher.join(Duration.ofMinutes(5).toMillis());
        }
        if (measure) {
            awaitProjections();
        }
        CpuClock.Reading spent = cpu == null ? null : cpu.read().minus(before);
        return new Result(total, total / seconds, latencies, lagWatcher == null ? new Histogram(3) : lagWatcher.lags(),
                lagWatcher == null ? new Histogram(3) : lagWatcher.lagsAtLeast(), failures.get(), spent);
    }

    private static void record(Histogram latencies, long nanos) {
        synchronized (latencies) {
            latencies.recordValue(nanos / 1000);
        }
    }

    private String openTicket() {
        return "{\"companyId\":\"" + company + "\",\"title\":\"Benchmark ticket\"}";
    }

    /** {@code tickets} tickets' commands as one batch: each opened, then 3 notes and a time entry on it. */
    private String batchOfTickets(int tickets) {
        List<String> commands = new ArrayList<>();
        for (int ticket = 0; ticket < tickets; ticket++) {
            String opened = "\"#" + commands.size() + "\"";
            commands.add("{\"open\":" + openTicket() + "}");
            for (int note = 0; note < 3; note++) {
                commands.add("{\"ticketId\":" + opened + ",\"addNote\":" + NOTE + "}");
            }
            commands.add("{\"ticketId\":" + opened + ",\"logTime\":" + time() + "}");
        }
        return "{\"commands\":[" + String.join(",", commands) + "]}";
    }

    /** Until every processor has handled every event (the CPU they spend on the commands belongs to them). */
    private void awaitProjections() throws Exception {
        awaitProjections(Duration.ofMinutes(5));
    }

    /** Until every processor has handled every event, or {@code atMost} has passed. */
    void awaitProjections(Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode lag = JSON.readTree(get("/actuator/metrics/psa.projection.lag.events").body());
            if (lag.path("measurements").get(0).path("value").asDouble() <= 0) {
                return;
            }
            Thread.sleep(20);
        }
        System.out.printf("WARNING: the projections had not caught up after %s; what follows shares the machine "
                + "with them%n", atMost);
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
        private final Histogram lags = new Histogram(3);
        private final Histogram lagsAtLeast = new Histogram(3);
        private volatile boolean finished;

        void expect(String ticket, int sequence, long acknowledged) {
            incoming.add(new Awaited(ticket, sequence, acknowledged));
        }

        void finish() {
            finished = true;
        }

        Histogram lags() {
            return lags;
        }

        Histogram lagsAtLeast() {
            return lagsAtLeast;
        }

        @Override
        public void run() {
            List<Awaited> pending = new ArrayList<>();
            // when the last poll that asked for it and did not see it yet was sent
            Map<Awaited, Long> notSeenAt = new HashMap<>();
            try (Connection connection = connect(options.get("system-db"));
                 PreparedStatement shown = connection.prepareStatement(
                         "select ticket_id, last_sequence from ticket_view where ticket_id = any (?)")) {
                while (!(finished && incoming.isEmpty() && pending.isEmpty())) {
                    for (Awaited next; (next = incoming.poll()) != null; ) {
                        pending.add(next);
                    }
                    Map<String, Long> sequences = new HashMap<>();
                    long pollSent = System.nanoTime();
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
                            lags.recordValue((now - awaited.acknowledged()) / 1000);
                            lagsAtLeast.recordValue((notSeenAt.getOrDefault(awaited, awaited.acknowledged())
                                                     - awaited.acknowledged()) / 1000);
                            notSeenAt.remove(awaited);
                        } else {
                            notSeenAt.put(awaited, pollSent);
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
        List<String> command = new ArrayList<>(List.of("--spring.profiles.active=postgres",
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + options.get("db-user"),
                "--spring.datasource.password=" + options.get("db-password"), "--psa.instance-id=" + instanceId));
        command.addAll(List.of(settings));
        return launch(port, logName, command);
    }

    /** The system on its embedded default, an H2 file in a data directory of its own. */
    private Process startOnH2(int port) throws IOException {
        return launch(port, "benchmark-system.log", List.of("--psa.instance-id=benchmark"));
    }

    private Process launch(int port, String logName, List<String> settings) throws IOException {
        Path jar = Path.of(options.get("jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -q -DskipTests package)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--server.port=" + port, "--psa.admin-token=" + TOKEN,
                "--psa.data-dir=" + Files.createTempDirectory("psa-bench"),
                // the instances of the sync benchmark call each other on loopback
                "--psa.outbound-allow-private=true"));
        command.addAll(settings);
        // further settings of the system under test, to compare configurations in one command
        command.addAll(List.of(options.get("system-args").split(" +")).stream().filter(a -> !a.isBlank()).toList());
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
            } catch (RuntimeException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the system did not start; see benchmark/target/benchmark-system.log");
    }

    Driver.Answer post(String path, String body) {
        return send(baseUrl, "POST", path, body);
    }

    Driver.Answer get(String path) {
        return send(baseUrl, "GET", path, null);
    }

    /** A JSON request with the benchmark's admin token to the instance at {@code base}. */
    Driver.Answer send(String base, String method, String path, String body) {
        return driver.send(base, method, path, body);
    }

    void admin(String sql) throws SQLException {
        try (Connection connection = connect(options.get("db")); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * A database in use is vacuumed and analysed by PostgreSQL's autovacuum (which a test machine may run without);
     * one filled in minutes is not yet. Unanalysed, its tables look empty to the planner, whose plans for a few keys
     * then scan them whole; and autovacuum would work on it (and count as the commands' CPU) while they are measured.
     */
    void vacuum(String url) throws SQLException {
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute("vacuum analyze");
        }
    }

    Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, options.get("db-user"), options.get("db-password"));
    }

    static void runAll(List<Callable<Void>> workers) throws Exception {
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
