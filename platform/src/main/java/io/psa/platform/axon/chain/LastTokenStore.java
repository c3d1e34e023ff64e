package io.psa.platform.axon.chain;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Axon's JDBC token store, with a processor's token written last in its batch's transaction instead of first: in
 * the round trip of the projection's own write when the projection takes it ({@link PendingToken#take}), otherwise
 * alone just before the transaction commits. Axon writes it first, in a round trip of its own. Outside a batch's
 * transaction (a batch with no event for the processor, a reset, a rebuild) it is written at once, as Axon does.
 * <p>
 * The update still checks that this node holds the segment's claim, now at the batch's end rather than its start: a
 * claim lost to another node (after {@code claimTimeout} without an update) rolls the batch back after its handlers
 * ran, and that thread's next batch runs isolated once ({@code EventIsolation}). Axon extends the claim before the
 * end of a batch that took longer than its event availability timeout, as before.
 */
public class LastTokenStore extends JdbcTokenStore {
    private final String update;
    private final String owner;

    LastTokenStore(Builder builder, TokenSchema schema, String owner) {
        super(builder.nodeId(owner));
        this.owner = owner;
        this.update = "update " + schema.tokenTable() + " set " + schema.tokenColumn() + " = :tokenData, "
                      + schema.tokenTypeColumn() + " = :tokenType, " + schema.timestampColumn() + " = :tokenTime "
                      + "where " + schema.ownerColumn() + " = :tokenOwner and " + schema.processorNameColumn()
                      + " = :tokenProcessor and " + schema.segmentColumn() + " = :tokenSegment";
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        if (!CurrentUnitOfWork.isStarted() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            super.storeToken(token, processorName, segment);
            return;
        }
        PendingToken pending = new PendingToken(update, () -> parameters(token, processorName, segment),
                () -> super.storeToken(token, processorName, segment));
        pending.holdFor(processorName);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                pending.storeUnlessTaken();
            }
        });
    }

    /** The update's parameters, as Axon's statement sets them (its timestamp now, when the update is sent). */
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
