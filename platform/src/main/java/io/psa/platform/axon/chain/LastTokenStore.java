package io.psa.platform.axon.chain;

import io.psa.platform.persistence.LastWrite;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Axon's JDBC token store, with a processor's token written last in its batch's transaction instead of first: held
 * ({@link LastWrite}) and sent with the projection's own last statements and the commit, in one round trip on
 * PostgreSQL. Axon writes it first, in a round trip of its own, and commits in another. Outside a batch's
 * transaction (a batch with no event for the processor, a reset, a rebuild) it is written at once, as Axon does.
 * <p>
 * The update still checks that this node holds the segment's claim, now at the batch's end rather than its start:
 * the statement after it fails (a division by zero, as nothing else in it divides) when the segment is not claimed
 * by this node, so that nothing of the batch commits, and the batch rolls back with
 * {@link UnableToClaimTokenException}. Axon's check throws that for a claim another node holds too, but takes a
 * released one (no owner) over; this one rolls that batch back as well, and the processor claims the segment again
 * before it retries. A claim lost to another node (after {@code claimTimeout} without an update) is found after the
 * batch's handlers ran, and that thread's next batch runs isolated once ({@code EventIsolation}). Axon extends the
 * claim before the end of a batch that took longer than its event availability timeout, as before.
 */
public class LastTokenStore extends JdbcTokenStore {
    /** The SQL state of a division by zero, on PostgreSQL and H2 alike. */
    private static final String DIVISION_BY_ZERO = "22012";

    private final String update;
    private final String owner;
    private final DataSource dataSource;

    LastTokenStore(Builder builder, TokenSchema schema, String owner, DataSource dataSource) {
        super(builder.nodeId(owner));
        this.owner = owner;
        this.dataSource = dataSource;
        String claimed = "where " + schema.ownerColumn() + " = :tokenOwner and " + schema.processorNameColumn()
                         + " = :tokenProcessor and " + schema.segmentColumn() + " = :tokenSegment";
        this.update = "update " + schema.tokenTable() + " set " + schema.tokenColumn() + " = :tokenData, "
                      + schema.tokenTypeColumn() + " = :tokenType, " + schema.timestampColumn() + " = :tokenTime "
                      + claimed + "; select 1 / count(*) from " + schema.tokenTable() + " " + claimed;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        if (!CurrentUnitOfWork.isStarted() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            super.storeToken(token, processorName, segment);
            return;
        }
        LastWrite.hold(dataSource, update, new MapSqlParameterSource(parameters(token, processorName, segment)),
                failed -> {
                    if (DIVISION_BY_ZERO.equals(failed.getSQLState())) {
                        throw new UnableToClaimTokenException("Segment " + segment + " of processor " + processorName
                                                              + " is not claimed by this node (" + owner
                                                              + ") at the end of its batch; the batch is rolled back");
                    }
                });
    }

    /** The update's parameters, as Axon's statement sets them (its timestamp when the processor stores the token). */
    private Map<String, Object> parameters(TrackingToken token, String processorName, int segment) {
        // byte[]: the content type EventChainConfiguration gives the store, whose columns are bytea
        GenericTokenEntry<byte[]> entry = new GenericTokenEntry<>(token, serializer(), byte[].class, processorName,
                segment);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tokenData", Optional.ofNullable(entry.getSerializedToken()).map(SerializedObject::getData)
                                            .orElse(null));
        parameters.put("tokenType", Optional.ofNullable(entry.getTokenType()).map(SerializedType::getName).orElse(null));
        parameters.put("tokenTime", entry.timestampAsString());
        parameters.put("tokenOwner", owner);
        parameters.put("tokenProcessor", processorName);
        parameters.put("tokenSegment", segment);
        return parameters;
    }
}
