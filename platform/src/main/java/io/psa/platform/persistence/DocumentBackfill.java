package io.psa.platform.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;

/**
 * Fills a read model's new columns from the JSON documents its rows already hold, for the Java migrations that add
 * them: in Java, since reading JSON in SQL differs between PostgreSQL and H2.
 */
final class DocumentBackfill {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows read and updates sent at a time, so that a large read model is never held in memory at once. */
    private static final int BATCH = 1_000;

    private DocumentBackfill() {
    }

    /**
     * For each row of {@code select} (its key columns, then the document), runs {@code update} with the values
     * {@code columns} reads from the document, followed by the key.
     */
    static void fill(Connection connection, String select, int keyColumns, String update,
                     Function<JsonNode, List<Object>> columns) throws SQLException {
        fillEach(connection, select, keyColumns, update, document -> List.of(columns.apply(document)));
    }

    /**
     * For each row of {@code select} (its key columns, then the document), runs {@code statement} once for each
     * list of values {@code rows} reads from the document (none, one or several), followed by the key.
     */
    static void fillEach(Connection connection, String select, int keyColumns, String statement,
                         Function<JsonNode, List<List<Object>>> rows) throws SQLException {
        try (Statement documents = connection.createStatement();
             PreparedStatement fill = connection.prepareStatement(statement)) {
            documents.setFetchSize(BATCH);   // PostgreSQL streams in the migration's transaction
            ResultSet stored = documents.executeQuery(select);
            int pending = 0;
            while (stored.next()) {
                for (List<Object> values : rows.apply(read(stored.getString(keyColumns + 1)))) {
                    int parameter = 1;
                    for (Object value : values) {
                        fill.setObject(parameter++, value);
                    }
                    for (int key = 1; key <= keyColumns; key++) {
                        fill.setObject(parameter++, stored.getObject(key));
                    }
                    fill.addBatch();
                    if (++pending == BATCH) {
                        fill.executeBatch();
                        pending = 0;
                    }
                }
            }
            fill.executeBatch();
        }
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The field's text, or null. */
    static String text(JsonNode document, String field) {
        JsonNode value = document.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode read(String document) throws SQLException {
        try {
            return JSON.readTree(document);
        } catch (JsonProcessingException unreadable) {
            throw new SQLException("a read model holds a document that is not JSON", unreadable);
        }
    }
}
