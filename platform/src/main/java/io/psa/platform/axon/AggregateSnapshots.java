package io.psa.platform.axon;

import io.psa.platform.PsaProperties;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.context.annotation.Bean;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Snapshots of long-lived aggregates (a ticket with thousands of items, a contract with many services): once an
 * aggregate was loaded or changed by {@code psa.snapshot-threshold} events since its last snapshot, its state is
 * stored as a snapshot, and a later load reads the snapshot and only the events after it. Snapshots are taken on
 * a thread of their own after the command's commit, so no command waits for one; one that is skipped (queue full,
 * crash) is taken at the next threshold. A snapshot is only a faster way to the same state: the events stay the
 * record, and a snapshot of another revision of the aggregate (its {@code @Revision}) is ignored.
 */
@org.springframework.context.annotation.Configuration
public class AggregateSnapshots {
    /** The trigger an aggregate names in {@code @Aggregate(snapshotTriggerDefinition = ...)}. */
    public static final String TRIGGER = "aggregateSnapshotTrigger";
    /** Aggregates waiting for a snapshot; beyond, one is skipped and taken at its next threshold. */
    private static final int WAITING = 1_000;

    @Bean
    public SpringAggregateSnapshotter aggregateSnapshotter(Configuration configuration, EventStore eventStore,
                                                           TransactionManager transactionManager,
                                                           ParameterResolverFactory parameterResolverFactory,
                                                           HandlerDefinition handlerDefinition,
                                                           SnapshotterSpanFactory spanFactory) {
        ThreadPoolExecutor snapshotThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WAITING), runnable -> {
            Thread thread = new Thread(runnable, "aggregate-snapshots");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());   // refused, so Axon forgets it and takes it at the next threshold
        return SpringAggregateSnapshotter.builder()
                                         .repositoryProvider(configuration::repository)
                                         .transactionManager(transactionManager)
                                         .eventStore(eventStore)
                                         .parameterResolverFactory(parameterResolverFactory)
                                         .handlerDefinition(handlerDefinition)
                                         .spanFactory(spanFactory)
                                         .executor(snapshotThread)
                                         .build();
    }

    /** 0 turns snapshots off. */
    @Bean(TRIGGER)
    public SnapshotTriggerDefinition aggregateSnapshotTrigger(SpringAggregateSnapshotter snapshotter,
                                                              PsaProperties properties) {
        int threshold = properties.snapshotThreshold();
        return threshold > 0 ? new EventCountSnapshotTriggerDefinition(snapshotter, threshold)
                : NoSnapshotTriggerDefinition.INSTANCE;
    }
}
