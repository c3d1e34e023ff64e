package io.psa.platform.axon.chain;

import io.psa.platform.persistence.LastWrite;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Axon's JDBC event store that also chains each appended event by hash ({@link EventChain}), writing the events
 * and their hashes together, and that reads a snapshot at once, so that one that cannot be read is passed over.
 */
public class ChainedEventStorageEngine extends JdbcEventStorageEngine {
    /** Events per statement: the PostgreSQL driver takes at most 65,535 parameters in one, an event and its hash 12. */
    private static final int EVENTS_PER_STATEMENT = 500;
    private static final int PARAMETERS_PER_EVENT = 12;

    private final EventChain chain;
    private final TransactionManager transactions;
    private final DataSource dataSource;
    private final PersistenceExceptionResolver duplicateKeys;
    private final OwnAppends ownAppends = new OwnAppends();
    /** The start of the events' insert, from the schema once (Axon's builds its column list on every append). */
    private final String insertEvents;

    public ChainedEventStorageEngine(Builder builder, EventChain chain, TransactionManager transactions,
                                     DataSource dataSource, PersistenceExceptionResolver duplicateKeys) {
        super(builder.persistenceExceptionResolver(duplicateKeys));
        this.duplicateKeys = duplicateKeys;
        this.chain = chain;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.insertEvents = "insert into " + schema().domainEventTable() + " (" + schema().domainEventFields()
                            + ") values ";
    }

    /**
     * The events and their hashes, written by one string of two statements (for up to {@link #EVENTS_PER_STATEMENT}
     * events), which the PostgreSQL driver sends in one round trip; Axon's batched insert and the hashes' took two.
     * They are written last in the appending transaction, with its commit ({@link LastWrite}, which sends the parts
     * of a long append ahead when one string cannot take them all): a command's events and the commit that
     * acknowledges them take one round trip. A unique key violated then shows at the commit, as the same concurrency
     * conflict; another failure as Spring translates it.
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactions.executeInTransaction(() -> {
            List<ChainedEvent> stored = events.stream()
                                              .map(event -> stored(EventUtils.asDomainEventMessage(event), serializer))
                                              .toList();
            List<byte[]> hashes = chain.link(stored);
            EventMessage<?> first = events.get(0);
            for (int from = 0; from < stored.size(); from += EVENTS_PER_STATEMENT) {
                int to = Math.min(stored.size(), from + EVENTS_PER_STATEMENT);
                List<ChainedEvent> part = stored.subList(from, to);
                List<byte[]> partHashes = hashes.subList(from, to);
                LastWrite.hold(dataSource, insert(part.size()), part.size() * PARAMETERS_PER_EVENT,
                        (statement, parameter) -> set(statement, parameter, part, partHashes), failed -> {
                            if (duplicateKeys.isDuplicateKeyViolation(failed)) {
                                handlePersistenceException(failed, first);   // the concurrency conflict
                            }
                        });
            }
            ownAppends.appending(stored.stream().map(ChainedEvent::eventIdentifier).toList());
        });
    }

    private String insert(int events) {
        return insertEvents + String.join(", ", Collections.nCopies(events, "(?, ?, ?, ?, ?, ?, ?, ?, ?)"))
               + "; insert into " + EventChain.HASHES + " values "
               + String.join(", ", Collections.nCopies(events, "(?, ?, ?)"));
    }

    /** The events' and their hashes' parameters, from {@code parameter} on; answers the index after the last. */
    private int set(PreparedStatement statement, int parameter, List<ChainedEvent> events, List<byte[]> hashes)
            throws SQLException {
        for (ChainedEvent event : events) {
            statement.setString(parameter++, event.eventIdentifier());
            statement.setString(parameter++, event.aggregateId());
            statement.setLong(parameter++, event.sequenceNumber());
            statement.setString(parameter++, event.aggregateType());
            writeTimestamp(statement, parameter++, event.timestamp());
            statement.setString(parameter++, event.payloadType());
            statement.setString(parameter++, event.payloadRevision());
            statement.setBytes(parameter++, event.payload());
            statement.setBytes(parameter++, event.metadata());
        }
        for (int i = 0; i < events.size(); i++) {
            statement.setString(parameter++, events.get(i).aggregateId());
            statement.setLong(parameter++, events.get(i).sequenceNumber());
            statement.setBytes(parameter++, hashes.get(i));
        }
        return parameter;
    }

    /**
     * For the event store's reader, the one caller that reads with {@code mayBlock}: one batch per read (Axon's stream
     * went on to a second batch itself, which found nothing whenever the first held all there was), and no query for
     * a read that cannot find anything new ({@link OwnAppends}).
     */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken token, boolean mayBlock) {
        return mayBlock ? ownAppends.read(() -> fetchTrackedEvents(token, batchSize()), batchSize()).stream()
                        : super.readEventData(token, false);
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

    /**
     * The event as the store holds it: a message serializes each form once and keeps it, so these are the bytes just
     * written; the time as the store writes it (Axon formats it with milliseconds) and reads it back.
     */
    private static ChainedEvent stored(DomainEventMessage<?> event, Serializer serializer) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        return new ChainedEvent(event.getAggregateIdentifier(), event.getSequenceNumber(), event.getIdentifier(),
                event.getTimestamp().truncatedTo(ChronoUnit.MILLIS), event.getType(),
                payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                event.serializeMetaData(serializer, byte[].class).getData());
    }
}
