package io.psa.platform.test;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server the tests use: PSA_TEST_DB_URL when set; otherwise a Testcontainers PostgreSQL when a Docker
 * engine is present; otherwise the local server at 127.0.0.1:5432 (trust auth). Each test class gets a schema of its
 * own on it, so no test class sees another's data.
 */
public final class PostgresServer {
    public record Database(String url, String username, String password, String schema) {
    }

    private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static Database server;

    private PostgresServer() {
    }

    public static synchronized Database freshSchema(String owner) {
        Database base = server();
        String schema = ("t_" + owner.replaceAll("[^A-Za-z0-9]", "_") + "_"
                         + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        execute(base, "create schema " + schema);
        String separator = base.url().contains("?") ? "&" : "?";
        return new Database(base.url() + separator + "currentSchema=" + schema, base.username(), base.password(), schema);
    }

    private static Database server() {
        if (server == null) {
            server = chooseServer();
        }
        return server;
    }

    private static Database chooseServer() {
        String configured = System.getenv("PSA_TEST_DB_URL");
        if (configured != null && !configured.isBlank()) {
            return new Database(configured, env("PSA_TEST_DB_USER", "postgres"), env("PSA_TEST_DB_PASSWORD", ""), null);
        }
        if (dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15");
            container.start();
            return new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword(), null);
        }
        return new Database(LOCAL_URL, "postgres", "", null);
    }

    /** Asks Testcontainers only where an engine may be: its probe logs errors on machines without one. */
    private static boolean dockerAvailable() {
        if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public static void execute(Database database, String sql) {
        try (Connection connection = DriverManager.getConnection(database.url(), database.username(), database.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + database.url(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value != null ? value : fallback;
    }
}
