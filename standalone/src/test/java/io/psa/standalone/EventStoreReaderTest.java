package io.psa.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.psa.platform.axon.chain.EventChain;
import io.psa.platform.axon.chain.EventChainConfiguration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import javax.sql.DataSource;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store's reader (the one caller that reads with {@code mayBlock}) is not sent to the database right
 * after a read that found only events this process appended (fewer than a batch), unless an append of this process
 * committed since; the read after that queries again, so an append of another process is found then. After a read
 * that found another process's events, the next read queries at once (the query side of the split deployment).
 */
class EventStoreReaderTest extends ApiTest {
    @Autowired
    ObjectMapper json;
    @Autowired
    RevisionResolver revisions;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    org.axonframework.config.Configuration axon;
    @Autowired
    ConnectionProvider connections;
    @Autowired
    TransactionManager transactions;
    @Autowired
    EventChain chain;
    @Autowired
    DataSource dataSource;

    EventStorageEngine here;
    EventStorageEngine anotherProcess;
    String aggregate;
    long sequence;
    TrackingToken position;

    @BeforeEach
    void twoProcessesOnOneStore() {
        here = engine();
        anotherProcess = engine();
        aggregate = "reader-" + UUID.randomUUID();
        position = here.createHeadToken();
    }

    @Test
    void theReadRightAfterOneThatFoundOnlyOwnEventsIsSkippedOnceUnlessThisProcessAppended() {
        append(here);
        assertThat(read()).as("finds the event").hasSize(1);
        append(anotherProcess);
        assertThat(read()).as("right after a read that found only this process's event, no query").isEmpty();
        assertThat(read()).as("the read after that queries").hasSize(1);

        append(here);
        assertThat(read()).hasSize(1);
        append(here);
        assertThat(read()).as("an append of this process committed since the last read").hasSize(1);
    }

    @Test
    void theReadRightAfterOneThatFoundAnotherProcessesEventsQueries() {
        append(anotherProcess);
        assertThat(read()).hasSize(1);
        append(anotherProcess);
        assertThat(read()).as("the other process may have appended more").hasSize(1);
    }

    @Test
    void aReadThatFoundNothingDoesNotSkipTheNext() {
        assertThat(read()).isEmpty();
        append(anotherProcess);
        assertThat(read()).hasSize(1);
    }

    /** The events of this test's aggregate the reader's next read finds; moves the position past all it found. */
    private List<TrackedEventMessage<?>> read() {
        List<? extends TrackedEventMessage<?>> found = here.readEvents(position, true).toList();
        if (!found.isEmpty()) {
            position = found.get(found.size() - 1).trackingToken();
        }
        return found.stream().filter(event -> event instanceof GenericDomainEventMessage<?> domain
                && aggregate.equals(domain.getAggregateIdentifier())).<TrackedEventMessage<?>>map(event -> event)
                    .toList();
    }

    private void append(EventStorageEngine process) {
        transactions.executeInTransaction(() -> process.appendEvents(
                new GenericDomainEventMessage<>("Test", aggregate, sequence++, "event " + sequence)));
    }

    private EventStorageEngine engine() {
        return new EventChainConfiguration().eventStorageEngine(json, revisions, eventSerializer, axon, connections,
                transactions, chain, dataSource);
    }
}
