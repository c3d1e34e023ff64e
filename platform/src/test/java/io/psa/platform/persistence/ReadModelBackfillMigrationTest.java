package io.psa.platform.persistence;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;

import static io.psa.platform.persistence.MigrationSteps.connect;
import static io.psa.platform.persistence.MigrationSteps.database;
import static io.psa.platform.persistence.MigrationSteps.execute;
import static io.psa.platform.persistence.MigrationSteps.migrate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store from before the read models' new columns (V15, V16): the rows it holds get them filled from their
 * documents, so that existing lists sort, page and filter as new ones do, and keep their documents when these move
 * to a table of their own (V17); contracts' and services' terms move to tables by effective date (V19); the
 * tickets' alerts are listed (V23), their last activity has a table of its own (V24); on PostgreSQL and on the H2
 * default.
 */
class ReadModelBackfillMigrationTest {
    private static final String DUE = "2026-03-10T10:00:00Z";
    private static final String LATER = "2026-03-10T12:00:00Z";

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void existingDocumentsFillTheNewColumns(String storage) throws Exception {
        String[] database = database(storage, directory, "read_model_backfill");
        migrate(database, "14");
        execute(database, "insert into entity_view (kind, id, last_sequence, document) values "
                          + "('COMPANY', 'c-1', 0, '{\"companyId\":\"c-1\",\"name\":\"Acme\"}'), "
                          + "('DEVICE', 'd-1', 0, '{\"deviceId\":\"d-1\"}')",
                ticket("t-running", "null", "RUNNING", "RUNNING"),
                ticket("t-paused", "\"" + DUE + "\"", "RUNNING", "RUNNING"),
                ticket("t-missed", "null", "MISSED", "RUNNING"));
        migrate(database, "16");

        try (Connection connection = connect(database);
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
        try (Connection connection = connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select d.document from ticket_view v join ticket_document d "
                                                     + "on d.ticket_id = v.ticket_id where v.ticket_id = 't-paused'")) {
            assertThat(rows.next()).as("the document moved to a table of its own").isTrue();
            assertThat(rows.getString(1)).contains("\"pausedSince\":\"" + DUE + "\"");
        }

        migrate(database, "18");
        execute(database, "insert into pf_contract (contract_id, name, type, start_date, end_date, hourly_rate, "
                          + "contract_value) values ('k-1', 'Care', 'FIXED_PRICE', date '2026-01-01', "
                          + "date '2026-12-31', 95.50, 36500)",
                "insert into pf_service (service_id, contract_id, name, unit_price, unit_cost, units, period) "
                + "values ('s-1', 'k-1', 'Backup', 30, 12, 10, 'MONTHLY')");
        migrate(database, "19");
        try (Connection connection = connect(database);
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select effective_from, end_date, hourly_rate, "
                                                         + "contract_value from pf_contract_term")) {
                assertThat(rows.next()).as("a contract's terms moved to their table").isTrue();
                assertThat(rows.getDate(1).toString()).as("in force from the beginning").isEqualTo("1900-01-01");
                assertThat(rows.getDate(2).toString()).isEqualTo("2026-12-31");
                assertThat(rows.getBigDecimal(3)).isEqualByComparingTo("95.50");
                assertThat(rows.getBigDecimal(4)).isEqualByComparingTo("36500");
            }
            try (ResultSet rows = statement.executeQuery("select t.unit_price, t.unit_cost, t.units, t.period, "
                    + "s.last_day from pf_service_term t join pf_service s on s.service_id = t.service_id")) {
                assertThat(rows.next()).as("a service's terms moved to their table").isTrue();
                assertThat(rows.getBigDecimal(1)).isEqualByComparingTo("30");
                assertThat(rows.getBigDecimal(2)).isEqualByComparingTo("12");
                assertThat(rows.getBigDecimal(3)).isEqualByComparingTo("10");
                assertThat(rows.getString(4)).isEqualTo("MONTHLY");
                assertThat(rows.getDate(5)).as("still running").isNull();
            }
        }

        migrate(database, "22");
        String alerts = "[{\"rmmAlertId\":\"a-1\",\"condition\":\"smtp\",\"severity\":\"CRITICAL\","
                        + "\"title\":\"SMTP down\",\"message\":null,\"raisedAt\":\"" + DUE + "\"},"
                        + "{\"rmmAlertId\":\"a-2\",\"condition\":\"smtp\",\"severity\":null,"
                        + "\"title\":\"SMTP down\",\"message\":\"again\",\"raisedAt\":\"" + LATER + "\"}]";
        execute(database, "update ticket_document set document = '{\"ticketId\":\"t-paused\",\"companyId\":"
                          + "\"c-1\",\"deviceId\":\"d-1\",\"alerts\":" + alerts + "}' where ticket_id = 't-paused'");
        migrate(database, "23");
        try (Connection connection = connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select ticket_id, position, company_id, device_id, "
                     + "rmm_alert_id, severity, raised_at from alert_view order by position")) {
            assertThat(rows.next()).as("a ticket's alerts are listed").isTrue();
            assertThat(rows.getString(1)).isEqualTo("t-paused");
            assertThat(rows.getInt(2)).isZero();
            assertThat(rows.getString(3)).isEqualTo("c-1");
            assertThat(rows.getString(4)).isEqualTo("d-1");
            assertThat(rows.getString(5)).isEqualTo("a-1");
            assertThat(rows.getString(6)).isEqualTo("CRITICAL");
            assertThat(rows.getTimestamp(7).toInstant()).isEqualTo(Instant.parse(DUE));
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(2)).isEqualTo(1);
            assertThat(rows.getString(6)).isNull();
            assertThat(rows.next()).as("only the tickets' alerts").isFalse();
        }

        migrate(database, "24");
        try (Connection connection = connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select v.ticket_id, a.updated_at, v.updated_at from "
                     + "ticket_view v left join ticket_activity a on a.ticket_id = v.ticket_id order by v.ticket_id")) {
            for (String ticket : new String[]{"t-missed", "t-paused", "t-running"}) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(ticket);
                assertThat(rows.getTimestamp(2)).as("every ticket's last activity").isNotNull()
                                                .isEqualTo(rows.getTimestamp(3));
            }
            assertThat(rows.next()).isFalse();
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

}
