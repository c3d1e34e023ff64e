package io.psa.standalone;

import io.psa.platform.axon.chain.ChainedEvent;
import io.psa.platform.axon.chain.EventChain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain remembers each aggregate's last committed hash, so an append does not read it back; what it remembers
 * serves only the event right after a committed one. An event appended meanwhile by another writer (another process
 * on the same store), or one rolled back, is chained from what the table holds.
 */
class EventChainMemoryTest extends ApiTest {
    @Autowired
    EventChain chain;
    @Autowired
    TransactionTemplate transaction;
    String aggregate;

    @BeforeEach
    void anAggregateWithOneChainedEvent() {
        aggregate = "chain-memory-" + UUID.randomUUID();
        transaction.executeWithoutResult(status -> append(chain, event(0, "first")));
    }

    @Test
    void theNextEventChainsOnTheRememberedHashWithoutReadingIt() {
        byte[] recorded = hash(0);
        jdbc.update("update event_hash set hash = ? where aggregate_identifier = ?", new byte[32], aggregate);
        transaction.executeWithoutResult(status -> append(chain, event(1, "second")));
        assertThat(hash(1)).as("chained on the hash it committed, not on the one rewritten in the table since")
                .isEqualTo(event(1, "second").hash(recorded));
    }

    @Test
    void anEventAppendedByAnotherWriterIsChainedOnFromTheTable() {
        EventChain anotherProcess = new EventChain(jdbc);
        transaction.executeWithoutResult(status -> append(anotherProcess, event(1, "elsewhere")));
        transaction.executeWithoutResult(status -> append(chain, event(2, "third")));
        assertThat(hash(2)).isEqualTo(event(2, "third").hash(hash(1)));
    }

    @Test
    void anAppendRolledBackIsNotRemembered() {
        transaction.executeWithoutResult(status -> {
            append(chain, event(1, "undone"));
            status.setRollbackOnly();
        });
        EventChain anotherProcess = new EventChain(jdbc);
        transaction.executeWithoutResult(status -> append(anotherProcess, event(1, "kept")));
        transaction.executeWithoutResult(status -> append(chain, event(2, "third")));
        assertThat(hash(1)).isEqualTo(event(1, "kept").hash(hash(0)));
        assertThat(hash(2)).as("chained on the event committed, not on the one rolled back")
                .isEqualTo(event(2, "third").hash(hash(1)));
    }

    /** Stores the event's hash as the event store does beside it (the events themselves are not needed here). */
    private void append(EventChain writer, ChainedEvent event) {
        jdbc.update("insert into event_hash (aggregate_identifier, sequence_number, hash) values (?, ?, ?)",
                event.aggregateId(), event.sequenceNumber(), writer.link(List.of(event)).get(0));
    }

    private ChainedEvent event(long sequenceNumber, String text) {
        return new ChainedEvent(aggregate, sequenceNumber, aggregate + "/" + sequenceNumber,
                Instant.parse("2026-12-07T10:00:00Z"), "Test", "test.Event", null,
                text.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    private byte[] hash(long sequenceNumber) {
        return jdbc.queryForObject("select hash from event_hash where aggregate_identifier = ? and sequence_number = ?",
                byte[].class, aggregate, sequenceNumber);
    }
}
