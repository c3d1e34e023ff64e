package io.psa.platform.persistence;

import io.psa.platform.test.PostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** A store from before V15: its reference documents get their names, so that existing lists sort and page by name. */
class EntityViewNamesMigrationTest {
    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void theNamesOfExistingDocumentsAreFilledIn(String storage) throws Exception {
        String[] database = storage.equals("h2")
                ? new String[]{"jdbc:h2:file:" + directory.resolve("psa") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", ""}
                : database();
        migrate(database, "14");
        try (Connection connection = DriverManager.getConnection(database[0], database[1], database[2]);
             Statement statement = connection.createStatement()) {
            statement.execute("insert into entity_view (kind, id, last_sequence, document) values "
                              + "('COMPANY', 'c-1', 0, '{\"companyId\":\"c-1\",\"name\":\"Acme\"}'), "
                              + "('DEVICE', 'd-1', 0, '{\"deviceId\":\"d-1\"}')");
        }
        migrate(database, "15");
        try (Connection connection = DriverManager.getConnection(database[0], database[1], database[2]);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select id, name from entity_view order by id")) {
            rows.next();
            assertThat(rows.getString(2)).isEqualTo("Acme");
            rows.next();
            assertThat(rows.getString(2)).as("a document without a name").isNull();
        }
    }

    private static String[] database() {
        PostgresServer.Database schema = PostgresServer.freshSchema("entity_view_names");
        return new String[]{schema.url(), schema.username(), schema.password()};
    }

    private static void migrate(String[] database, String version) {
        Flyway.configure().dataSource(database[0], database[1], database[2]).locations("classpath:db/migration")
              .javaMigrations(new V15__EntityViewNames()).target(version).load().migrate();
    }
}
