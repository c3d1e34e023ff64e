package io.psa.platform.persistence;

import io.psa.platform.test.PostgresServer;
import org.flywaydb.core.Flyway;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A store taken up the schema's versions step by step, on PostgreSQL or on the H2 default: url, user, password. */
final class MigrationSteps {
    private MigrationSteps() {
    }

    /** A fresh PostgreSQL schema, or an H2 file in {@code directory}. */
    static String[] database(String storage, Path directory, String owner) {
        if (storage.equals("h2")) {
            return new String[]{"jdbc:h2:file:" + directory.resolve("psa")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", ""};
        }
        PostgresServer.Database schema = PostgresServer.freshSchema(owner);
        return new String[]{schema.url(), schema.username(), schema.password()};
    }

    static Connection connect(String[] database) throws SQLException {
        return DriverManager.getConnection(database[0], database[1], database[2]);
    }

    static void execute(String[] database, String... statements) throws Exception {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static void migrate(String[] database, String version) {
        Flyway.configure().dataSource(database[0], database[1], database[2]).locations("classpath:db/migration")
              .javaMigrations(new V15__EntityViewNames(), new V16__TicketViewSlaColumns(),
                      new V22__TicketListIndexes(), new V23__AlertList(), new V25__DeadLetterTimesAsText())
              .target(version).load().migrate();
    }
}
