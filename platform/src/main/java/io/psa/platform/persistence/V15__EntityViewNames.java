package io.psa.platform.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Gives the reference documents (entity_view) a name column to sort and page by, filled from each document's
 * {@code name}: in Java, since reading JSON differs between PostgreSQL and H2. A Spring bean, which Spring Boot
 * hands to Flyway beside the SQL migrations.
 */
@Component
public class V15__EntityViewNames extends BaseJavaMigration {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("alter table entity_view add column name varchar(300)");
            statement.execute("create index entity_view_name on entity_view (kind, name, id)");
        }
        try (Statement documents = connection.createStatement();
             ResultSet rows = documents.executeQuery("select kind, id, document from entity_view");
             PreparedStatement name = connection.prepareStatement(
                     "update entity_view set name = ? where kind = ? and id = ?")) {
            while (rows.next()) {
                name.setString(1, name(rows.getString(3)));
                name.setString(2, rows.getString(1));
                name.setString(3, rows.getString(2));
                name.addBatch();
            }
            name.executeBatch();
        }
    }

    private static String name(String document) throws SQLException {
        try {
            JsonNode value = JSON.readTree(document).get("name");
            return value == null || value.isNull() ? null : value.asText();
        } catch (JsonProcessingException unreadable) {
            throw new SQLException("entity_view holds a document that is not JSON", unreadable);
        }
    }
}
