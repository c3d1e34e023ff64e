package io.psa.platform.persistence;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * The ticket list's orders each get an index that ends with the ticket id, as the orders do, so that a page of a
 * list that selects most tickets is read in order instead of sorting them all. On PostgreSQL, the tickets that
 * missed a target have an index of their own, and the title search gets a trigram index where the database lets us
 * create the pg_trgm extension (a trusted one: the database's owner may); without it the search reads the whole
 * list, as before.
 */
@Component
public class V22__TicketListIndexes extends BaseJavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(V22__TicketListIndexes.class);

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        DocumentBackfill.execute(connection,
                "drop index ticket_view_due", "drop index ticket_view_opened", "drop index ticket_view_updated",
                "create index ticket_view_due on ticket_view (next_sla_due_at, ticket_id)",
                "create index ticket_view_priority_due on ticket_view (priority, next_sla_due_at, ticket_id)",
                "create index ticket_view_opened on ticket_view (opened_at desc, ticket_id)",
                "create index ticket_view_updated on ticket_view (updated_at desc, ticket_id)");
        if (ReadModelTables.isPostgres(connection)) {
            // the few tickets that missed a target, by due time (H2 has no partial indexes)
            DocumentBackfill.execute(connection, "create index ticket_view_missed on ticket_view "
                                                 + "(next_sla_due_at, ticket_id) where sla_missed");
            indexTitles(connection);
        }
    }

    private static void indexTitles(Connection connection) throws SQLException {
        Savepoint beforeExtension = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_trgm");
            // where the extension was created first (one database may hold several schemas of ours)
            try (ResultSet schema = statement.executeQuery("select quote_ident(n.nspname) from pg_extension e "
                    + "join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'")) {
                schema.next();
                statement.execute("create index if not exists ticket_view_title on ticket_view using gin "
                                  + "(lower(title) " + schema.getString(1) + ".gin_trgm_ops)");
            }
        } catch (SQLException notAllowedOrNotInstalled) {
            connection.rollback(beforeExtension);
            LOG.warn("The ticket list's title search has no index, as pg_trgm could not be created ({}): it reads "
                     + "the whole list. To add it: create extension pg_trgm; create index ticket_view_title on "
                     + "ticket_view using gin (lower(title) gin_trgm_ops);", notAllowedOrNotInstalled.getMessage());
        }
    }
}
