package io.psa.platform.persistence;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** What a rebuild does to read-model tables beyond plain SQL, where PostgreSQL allows more than H2. */
public final class ReadModelTables {
    private ReadModelTables() {
    }

    /**
     * Empties the tables in the reset's transaction: on PostgreSQL by {@code TRUNCATE} (deleting a million rows row
     * by row, each from four indexes, took longer than rebuilding them), elsewhere by {@code DELETE} (H2's
     * {@code TRUNCATE} would commit the transaction half-way through the reset).
     */
    public static void empty(JdbcTemplate jdbc, List<String> tables) {
        if (isPostgres(jdbc)) {
            jdbc.update("truncate " + String.join(", ", tables));
        } else {
            tables.forEach(table -> jdbc.update("delete from " + table));
        }
    }

    /**
     * Lets the current transaction commit without waiting for its write-ahead log to reach the disk (PostgreSQL):
     * for the pages of a rebuild only, which a crash sends back to the start of the rebuild anyway; the rebuild's
     * last commit (the processor's token) waits for all of them.
     */
    public static void commitWithoutWaitingForTheDisk(JdbcTemplate jdbc) {
        if (isPostgres(jdbc)) {
            jdbc.execute("set local synchronous_commit to off");
        }
    }

    private static boolean isPostgres(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) ReadModelTables::isPostgres));
    }

    static boolean isPostgres(Connection connection) throws SQLException {
        return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }
}
