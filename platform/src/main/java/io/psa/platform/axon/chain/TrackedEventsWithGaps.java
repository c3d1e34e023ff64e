package io.psa.platform.axon.chain;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * A processor's read of the events after its position and of the gaps below it (global indexes handed out to
 * transactions that had not committed when it last read), as two index lookups joined by {@code union all}.
 * Axon's own statement asks {@code (index > ? and index <= ?) or index in (gaps)}, for which PostgreSQL's cached
 * plan touched 130 blocks per read on a store of 33,000 events against 4 for the same read without gaps (in
 * pg_stat_statements during the benchmark): it was PostgreSQL's costliest statement. The gaps all lie below the
 * position, so the two halves never return an event twice.
 */
final class TrackedEventsWithGaps implements ReadEventDataWithGapsStatementBuilder {
    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, long globalIndex, int batchSize,
                                   List<Long> gaps) throws SQLException {
        String select = "select " + String.join(", ", schema.globalIndexColumn(), schema.eventIdentifierColumn(),
                schema.aggregateIdentifierColumn(), schema.sequenceNumberColumn(), schema.typeColumn(),
                schema.timestampColumn(), schema.payloadTypeColumn(), schema.payloadRevisionColumn(),
                schema.payloadColumn(), schema.metaDataColumn()) + " from " + schema.domainEventTable() + " where ";
        String index = schema.globalIndexColumn();
        PreparedStatement statement = connection.prepareStatement(
                select + index + " > ? and " + index + " <= ? union all "
                + select + index + " in (" + String.join(",", Collections.nCopies(gaps.size(), "?")) + ") "
                + "order by " + index);
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }
}
