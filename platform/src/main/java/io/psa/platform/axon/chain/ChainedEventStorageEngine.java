package io.psa.platform.axon.chain;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.util.List;
import java.util.Optional;

/**
 * Axon's JPA event store that also chains each appended event by hash ({@link EventChain}), in the same
 * transaction, and that reads a snapshot at once, so that one that cannot be read is passed over. The hash is taken from the entity as it is persisted: the very bytes the store holds.
 */
public class ChainedEventStorageEngine extends JpaEventStorageEngine {
    private final EventChain chain;
    private final TransactionManager transactions;

    public ChainedEventStorageEngine(Builder builder, EventChain chain, TransactionManager transactions) {
        super(builder);
        this.chain = chain;
        this.transactions = transactions;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactions.executeInTransaction(() -> {
            super.appendEvents(events, serializer);
            chain.append(events.stream().map(event -> stored(createEventEntity(event, serializer))).toList());
        });
    }

    /**
     * The aggregate's snapshot, read at once: one that cannot be read (stored by a version whose state had another
     * form under the same revision, or damaged) fails here, where Axon's event store passes it over and loads the
     * aggregate from its events, instead of when the aggregate is built from it.
     */
    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        Optional<DomainEventMessage<?>> snapshot = super.readSnapshot(aggregateIdentifier);
        snapshot.ifPresent(DomainEventMessage::getPayload);
        return snapshot;
    }

    /** A message serializes each form once and keeps it, so this entity holds the bytes just persisted. */
    private static ChainedEvent stored(Object entity) {
        DomainEventEntry entry = (DomainEventEntry) entity;
        return new ChainedEvent(entry.getAggregateIdentifier(), entry.getSequenceNumber(), entry.getEventIdentifier(),
                entry.getTimestamp(), entry.getType(), entry.getPayload().getType().getName(),
                entry.getPayload().getType().getRevision(), entry.getPayload().getData(),
                entry.getMetaData().getData());
    }
}
