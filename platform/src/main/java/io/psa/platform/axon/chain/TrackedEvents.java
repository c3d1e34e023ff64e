package io.psa.platform.axon.chain;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithoutGapsStatementBuilder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * A processor's read of the events after its position, and of the gaps below it (global indexes handed out to
 * transactions that had not committed when it last read).
 * <ul>
 * <li>The events after the position are the next {@code batchSize} ones, however far apart their indexes lie.
 * Axon's own statement reads the indexes up to {@code position + batchSize}, and when that finds nothing it asks
 * for the lowest index beyond, in case more than a batch of indexes went to transactions that rolled back: one more
 * query for every poll that found nothing, which the event store's reader makes after every poll that found some,
 * so about once per command. A limit finds the events beyond such a stretch at once, so that query is off
 * ({@link EventChainConfiguration}).</li>
 * <li>With gaps, the two are joined by {@code union all}: Axon's own statement asks {@code (index > ? and index
 * <= ?) or index in (gaps)}, for which PostgreSQL's cached plan touched 130 blocks per read on a store of 33,000
 * events against 4 for the same read without gaps (in pg_stat_statements during the benchmark). The gaps all lie
 * below the position, so the two halves never return an event twice.</li>
 * </ul>
 */
final class TrackedEvents implements ReadEventDataWithoutGapsStatementBuilder, ReadEventDataWithGapsStatementBuilder {
    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, long globalIndex, int batchSize)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(after(schema));
        statement.setLong(1, globalIndex);
        statement.setInt(2, batchSize);
        return statement;
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, long globalIndex, int batchSize,
                                   List<Long> gaps) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("(" + after(schema) + ") union all "
                + select(schema) + schema.globalIndexColumn() + " in ("
                + String.join(",", Collections.nCopies(gaps.size(), "?")) + ") order by " + schema.globalIndexColumn());
        statement.setLong(1, globalIndex);
        statement.setInt(2, batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }

    /** The next events after the position: two parameters, the position and how many. */
    private static String after(EventSchema schema) {
        String index = schema.globalIndexColumn();
        return select(schema) + index + " > ? order by " + index + " fetch first ? rows only";
    }

    private static String select(EventSchema schema) {
        return "select " + schema.trackedEventFields() + " from " + schema.domainEventTable() + " where ";
    }
}
