package io.psa.platform.axon.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.psa.platform.axon.stored.StoredEventsConfiguration;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store: Axon's JPA storage engine, configured as its auto-configuration would, with the hash chain.
 * Axon's auto-configuration backs off for this bean, so its entities are registered here.
 */
@Configuration
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
public class EventChainConfiguration {
    /** Events a processor reads per query (Axon's default of 100 made a replay spend its time on round trips). */
    private static final int FETCH_SIZE = 1_000;

    @Bean
    public EventStorageEngine eventStorageEngine(ObjectMapper json, RevisionResolver revisions,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 EntityManagerProvider entityManagerProvider,
                                                 TransactionManager transactionManager, EventChain chain) {
        return new ChainedEventStorageEngine(JpaEventStorageEngine.builder()
                .snapshotSerializer(StoredEventsConfiguration.snapshotSerializer(json, revisions))
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager)
                .batchSize(FETCH_SIZE), chain, transactionManager);
    }
}
