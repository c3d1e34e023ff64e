package io.psa.platform.axon.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.psa.platform.axon.stored.StoredEventsConfiguration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;

/**
 * The event store, the processors' tokens and their dead letters: Axon's JDBC storage engine (with the hash chain),
 * token store and dead-letter queue on the tables Flyway made, in the application's transactions. Replaces Axon's
 * JPA parts: the JPA engine's tracking query with gaps walked the whole index as the store grew, every token update
 * went through JPQL, and Spring's JPA transaction manager opened an EntityManager for every transaction.
 */
@Configuration
public class EventChainConfiguration {
    /** Events a processor reads per query (Axon's default of 100 made a replay spend its time on round trips). */
    private static final int FETCH_SIZE = 1_000;
    /**
     * Events the processors' shared reader keeps (TailingEventStore): enough for a processor busy with a batch to
     * stay on it (a second or more of the benchmark's rate), few enough that an event is garbage before the young
     * collection after next.
     */
    private static final int RING_SIZE = 1_000;
    /** The SQL state of a unique key violation, on PostgreSQL and H2 alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    public EventStorageEngine eventStorageEngine(ObjectMapper json, RevisionResolver revisions,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connections,
                                                 TransactionManager transactionManager, EventChain chain,
                                                 DataSource dataSource) {
        TrackedEvents trackedEvents = new TrackedEvents();
        return new ChainedEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(StoredEventsConfiguration.snapshotSerializer(json, revisions))
                .upcasterChain(configuration.upcasterChain())
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connections)
                .transactionManager(joinedOrNone(transactionManager))
                .schema(EventSchema.builder()
                        .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry")
                        .globalIndexColumn("global_index").timestampColumn("time_stamp")
                        .eventIdentifierColumn("event_identifier").aggregateIdentifierColumn("aggregate_identifier")
                        .sequenceNumberColumn("sequence_number").typeColumn("type").payloadTypeColumn("payload_type")
                        .payloadRevisionColumn("payload_revision").payloadColumn("payload").metaDataColumn("meta_data")
                        .build())
                .dataType(byte[].class)
                .readEventDataWithoutGaps(trackedEvents)
                .readEventDataWithGaps(trackedEvents)
                .extendedGapCheckEnabled(false)
                .batchSize(FETCH_SIZE), chain, transactionManager, dataSource, duplicateKeys());
    }

    /** The event store: Axon's auto-configuration makes an {@code EmbeddedEventStore} unless there is one. */
    @Bean(name = "eventBus")
    public TailingEventStore eventStore(EventStorageEngine storageEngine,
                                        org.axonframework.config.Configuration configuration) {
        TailingEventStore.Builder builder = TailingEventStore.builder().ringSize(RING_SIZE);
        builder.storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class));
        return builder.build();
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider connections, Serializer serializer, DataSource dataSource) {
        TokenSchema schema = TokenSchema.builder().setTokenTable("token_entry").setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment").setTokenColumn("token").setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp").setOwnerColumn("owner").build();
        return new LastTokenStore(JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .schema(schema)
                .contentType(byte[].class), schema, ManagementFactory.getRuntimeMXBean().getName(), dataSource);
    }

    /**
     * A unique key violated is a concurrent append of the same sequence number (or event id): Axon then reports a
     * concurrency conflict, not a failed store. Told by the SQL state, which PostgreSQL and H2 share; Axon's
     * resolver by vendor error codes does not recognise PostgreSQL's (Axon issue #1368).
     */
    @Bean
    @Primary
    public PersistenceExceptionResolver duplicateKeys() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * The storage engine's own transactions: it joins the one under way (a command's, which also appends, or a
     * snapshot's) and otherwise reads without one. Reading outside a transaction is what the processors' polls for
     * new events do, more than once per command: each poll was a transaction of its own, a BEGIN and a COMMIT around
     * one or two SELECTs. The appends keep theirs ({@link ChainedEventStorageEngine}).
     */
    private static TransactionManager joinedOrNone(TransactionManager transactions) {
        return () -> TransactionSynchronizationManager.isActualTransactionActive()
                     ? transactions.startTransaction() : NoTransactionManager.INSTANCE.startTransaction();
    }

    /**
     * Connections of the Spring transaction under way, so events, hashes, read models and dead letters commit
     * together. (Axon's default wraps this in a provider that commits the connection itself when the unit of work
     * commits, beside the Spring transaction.)
     */
    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /** Axon's JDBC dead-letter queue on the table Axon's JPA queue used (V1, its times as text since V25). */
    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry").deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group").sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index").messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier").timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision").payloadColumn("payload")
                .metaDataColumn("meta_data").aggregateTypeColumn("type")
                .aggregateIdentifierColumn("aggregate_identifier").sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type").tokenColumn("token").enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched").processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type").causeMessageColumn("cause_message").diagnosticsColumn("diagnostics")
                .build();
    }
}
