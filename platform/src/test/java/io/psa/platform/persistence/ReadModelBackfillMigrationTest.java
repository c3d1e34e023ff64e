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
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store from before the read models' new columns (V15, V16): the rows it holds get them filled from their
 * documents, so that existing lists sort, page and filter as new ones do, and keep their documents when these move
 * to a table of their own (V17); on PostgreSQL and on the H2 default.
 */
class ReadModelBackfillMigrationTest {
    private static final String DUE = "2026-03-10T10:00:00Z";
    private static final String LATER = "2026-03-10T12:00:00Z";

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void existingDocumentsFillTheNewColumns(String storage) throws Exception {
        String[] database = storage.equals("h2")
                ? new String[]{"jdbc:h2:file:" + directory.resolve("psa")
                               + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", ""}
                : database();
        migrate(database, "14");
        execute(database, "insert into entity_view (kind, id, last_sequence, document) values "
                          + "('COMPANY', 'c-1', 0, '{\"companyId\":\"c-1\",\"name\":\"Acme\"}'), "
                          + "('DEVICE', 'd-1', 0, '{\"deviceId\":\"d-1\"}')",
                ticket("t-running", "null", "RUNNING", "RUNNING"),
                ticket("t-paused", "\"" + DUE + "\"", "RUNNING", "RUNNING"),
                ticket("t-missed", "null", "MISSED", "RUNNING"));
        migrate(database, "16");

        try (Connection connection = DriverManager.getConnection(database[0], database[1], database[2]);
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select id, sort_name from entity_view order by id")) {
                rows.next();
                assertThat(rows.getString(2)).isEqualTo("acme");
                rows.next();
                assertThat(rows.getString(2)).as("a document without a name").isNull();
            }
            try (ResultSet rows = statement.executeQuery(
                    "select ticket_id, next_sla_due_at, sla_missed from ticket_view order by ticket_id")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("t-missed");
                assertThat(rows.getTimestamp(2).toInstant()).as("the running one").isEqualTo(Instant.parse(LATER));
                assertThat(rows.getBoolean(3)).isTrue();
                rows.next();
                assertThat(rows.getTimestamp(2)).as("clocks standing still").isNull();
                assertThat(rows.getBoolean(3)).isFalse();
                rows.next();
                assertThat(rows.getTimestamp(2).toInstant()).isEqualTo(Instant.parse(DUE));
                assertThat(rows.getBoolean(3)).isFalse();
            }
        }

        migrate(database, "17");
        try (Connection connection = DriverManager.getConnection(database[0], database[1], database[2]);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select d.document from ticket_view v join ticket_document d "
                                                     + "on d.ticket_id = v.ticket_id where v.ticket_id = 't-paused'")) {
            assertThat(rows.next()).as("the document moved to a table of its own").isTrue();
            assertThat(rows.getString(1)).contains("\"pausedSince\":\"" + DUE + "\"");
        }
    }

    /** A ticket row whose document has two SLA targets, due at {@link #DUE} and {@link #LATER}. */
    private static String ticket(String id, String pausedSince, String firstState, String secondState) {
        String document = "{\"ticketId\":\"" + id + "\",\"sla\":{\"pausedSince\":" + pausedSince + ",\"targets\":{"
                          + "\"FIRST_RESPONSE\":{\"due\":\"" + DUE + "\",\"state\":\"" + firstState + "\"},"
                          + "\"RESOLVED\":{\"due\":\"" + LATER + "\",\"state\":\"" + secondState + "\"}}}}";
        return "insert into ticket_view (ticket_id, company_id, title, status, priority, opened_at, updated_at, "
               + "last_sequence, document) values ('" + id + "', 'c-1', 'T', 'NEW', 3, timestamp '2026-03-10 09:00:00', "
               + "timestamp '2026-03-10 09:00:00', 0, '" + document + "')";
    }

    private static String[] database() {
        PostgresServer.Database schema = PostgresServer.freshSchema("read_model_backfill");
        return new String[]{schema.url(), schema.username(), schema.password()};
    }

    private static void execute(String[] database, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection(database[0], database[1], database[2]);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void migrate(String[] database, String version) {
        Flyway.configure().dataSource(database[0], database[1], database[2]).locations("classpath:db/migration")
              .javaMigrations(new V15__EntityViewNames(), new V16__TicketViewSlaColumns()).target(version).load()
              .migrate();
    }
}
