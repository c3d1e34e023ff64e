package io.psa.benchmark;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline: single-row insert transactions at the same concurrency and count as the commands, each its own
 * transaction like each command's event append, on the storage the system runs on.
 */
final class RawInserts {
    /** About the size of a serialized ticket event. */
    private static final byte[] PAYLOAD = new byte[240];

    private RawInserts() {
    }

    /** On PostgreSQL, in a schema apart: the system's Flyway wants its own schema empty on first start. */
    static double postgres(Benchmark bench, String url, int clients, int count) throws Exception {
        try (Connection connection = bench.connect(url); Statement statement = connection.createStatement()) {
            statement.execute("create schema if not exists baseline");
            statement.execute("drop table if exists baseline.raw_insert");
            statement.execute("create table baseline.raw_insert (id varchar(36) primary key, payload bytea not null)");
        }
        return rate(() -> bench.connect(url), "insert into baseline.raw_insert values (?, ?)", clients, count);
    }

    /** On an H2 file with the settings of the system's embedded default (every commit written before it returns). */
    static double h2(int clients, int count) throws Exception {
        String url = "jdbc:h2:file:" + Files.createTempDirectory("psa-bench-h2") + "/raw;WRITE_DELAY=0";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("create table raw_insert (id varchar(36) primary key, payload varbinary not null)");
            return rate(() -> DriverManager.getConnection(url, "sa", ""), "insert into raw_insert values (?, ?)",
                    clients, count);
        }
    }

    private interface Connections {
        Connection open() throws Exception;
    }

    private static double rate(Connections connections, String insert, int clients, int count) throws Exception {
        AtomicInteger remaining = new AtomicInteger(count);
        List<Callable<Void>> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(() -> {
                try (Connection connection = connections.open();
                     PreparedStatement statement = connection.prepareStatement(insert)) {
                    connection.setAutoCommit(true);
                    while (remaining.getAndDecrement() > 0) {
                        statement.setString(1, UUID.randomUUID().toString());
                        statement.setBytes(2, PAYLOAD);
                        statement.executeUpdate();
                    }
                }
                return null;
            });
        }
        long start = System.nanoTime();
        Benchmark.runAll(workers);
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
