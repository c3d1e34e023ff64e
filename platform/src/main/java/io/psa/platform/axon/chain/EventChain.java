package io.psa.platform.axon.chain;

import com.github.benmanes.caffeine.cache.Cache;
import io.psa.platform.Caches;
import io.psa.platform.persistence.TransactionSynchronizations;
import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hash chain kept beside the event store ({@code event_hash}: one SHA-256 per stored event). Events are chained
 * per aggregate in sequence order; the hashes are written in the transaction that appends the events, so an event
 * is never stored without its hash.
 */
@Component
public class EventChain {
    /** Every stored event with its recorded hash (null when it has none), in chain order. */
    static final String EVENTS_WITH_HASHES = "select e.aggregate_identifier, e.sequence_number, e.event_identifier, "
            + "e.time_stamp, e.type, e.payload_type, e.payload_revision, e.payload, e.meta_data, h.hash "
            + "from domain_event_entry e left join event_hash h on h.aggregate_identifier = e.aggregate_identifier "
            + "and h.sequence_number = e.sequence_number ";
    static final String IN_CHAIN_ORDER = " order by e.aggregate_identifier, e.sequence_number";
    /** The table of hashes and its columns, in the order of a row's values. */
    static final String HASHES = "event_hash (aggregate_identifier, sequence_number, hash)";
    private static final String INSERT = "insert into " + HASHES + " values (?, ?, ?)";
    private static final int FETCH_SIZE = 1_000;
    /** Aggregates whose last chained event this process remembers: those it appended to lately. */
    private static final int REMEMBERED_AGGREGATES = 10_000;

    private final JdbcTemplate jdbc;
    /**
     * Each remembered aggregate's last committed event and its hash, so the next append chains on without reading
     * it back (a query per command). A committed event's hash never changes, and an entry serves only the event
     * right after it: one appended meanwhile by another process, or rolled back, has another sequence number and is
     * read from the table.
     */
    private final Cache<String, Link> lastCommitted = Caches.inline().maximumSize(REMEMBERED_AGGREGATES).build();

    public EventChain(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The hashes of events about to be stored in the transaction under way, in their order, each chained on its
     * aggregate's last recorded hash (or on the last one this transaction is about to store: appends write their
     * rows only when it commits, {@code LastWrite}); the caller stores them beside the events, in the same
     * transaction. Remembered once it commits.
     */
    public List<byte[]> link(List<ChainedEvent> events) {
        Map<String, Link> appended = appendedInThisTransaction();
        Map<String, Link> previous = new LinkedHashMap<>();
        List<byte[]> hashes = new ArrayList<>(events.size());
        for (ChainedEvent event : events) {
            byte[] before = previous.computeIfAbsent(event.aggregateId(),
                    aggregate -> linkBefore(event, appended.get(aggregate))).hash();
            byte[] hash = event.hash(before);
            previous.put(event.aggregateId(), new Link(event.sequenceNumber(), hash));
            hashes.add(hash);
        }
        appended.putAll(previous);
        return hashes;
    }

    /** The last link of each aggregate the transaction under way appended to, remembered when it commits. */
    private Map<String, Link> appendedInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new LinkedHashMap<>();   // no transaction to wait for: what was written may yet be undone
        }
        return TransactionSynchronizations.own(RememberedOnCommit.class, remembered -> remembered.into == lastCommitted,
                () -> new RememberedOnCommit(lastCommitted)).links;
    }

    /** A transaction's appended links, remembered once it commits. */
    private static final class RememberedOnCommit implements TransactionSynchronization {
        final Cache<String, Link> into;
        final Map<String, Link> links = new LinkedHashMap<>();

        RememberedOnCommit(Cache<String, Link> into) {
            this.into = into;
        }

        @Override
        public void afterCommit() {
            into.putAll(links);
        }
    }

    private Link linkBefore(ChainedEvent event, Link appendedBefore) {
        Link remembered = appendedBefore != null ? appendedBefore : lastCommitted.getIfPresent(event.aggregateId());
        if (remembered != null && remembered.sequenceNumber() == event.sequenceNumber() - 1) {
            return remembered;
        }
        return new Link(event.sequenceNumber() - 1, hashBefore(event));
    }

    /**
     * The hash the event follows: genesis for a first event. Were the one before it missing, the chain goes on from
     * genesis, and verification names the gap.
     */
    private byte[] hashBefore(ChainedEvent event) {
        if (event.sequenceNumber() == 0) {
            return ChainedEvent.GENESIS;
        }
        List<byte[]> hashes = jdbc.query("select hash from event_hash where aggregate_identifier = ? "
                                         + "and sequence_number = ?", (row, index) -> row.getBytes(1),
                event.aggregateId(), event.sequenceNumber() - 1);
        return hashes.isEmpty() ? ChainedEvent.GENESIS : hashes.get(0);
    }

    /**
     * Seals every stored event that has no hash yet: what a store held before the chain existed. Run once, by the
     * migration that introduced the chain; it vouches for those events only from then on.
     */
    public static long sealUnchained(JdbcTemplate connection) {
        JdbcTemplate jdbc = new JdbcTemplate(connection.getDataSource());   // the fetch size is for this pass only
        jdbc.setFetchSize(FETCH_SIZE);
        List<Object[]> batch = new ArrayList<>(FETCH_SIZE);
        long[] sealed = {0};
        forEachStored(jdbc, "", new Object[0], new ChainVisitor() {
            private String aggregate;
            private byte[] previous;

            @Override
            public void visit(ChainedEvent event, byte[] recorded) {
                if (!event.aggregateId().equals(aggregate)) {
                    aggregate = event.aggregateId();
                    previous = ChainedEvent.GENESIS;
                }
                previous = recorded != null ? recorded : event.hash(previous);
                if (recorded == null) {
                    batch.add(new Object[]{event.aggregateId(), event.sequenceNumber(), previous});
                    sealed[0]++;
                }
                if (batch.size() == FETCH_SIZE) {
                    jdbc.batchUpdate(INSERT, batch);
                    batch.clear();
                }
            }
        });
        if (!batch.isEmpty()) {
            jdbc.batchUpdate(INSERT, batch);
        }
        return sealed[0];
    }

    /** An aggregate's event in the chain: its sequence number and hash. */
    private record Link(long sequenceNumber, byte[] hash) {
    }

    interface ChainVisitor {
        void visit(ChainedEvent event, byte[] recordedHash);
    }

    /** Streams the stored events (those matching {@code where}) with their recorded hashes in chain order. */
    static void forEachStored(JdbcTemplate jdbc, String where, Object[] arguments, ChainVisitor visitor) {
        jdbc.query(EVENTS_WITH_HASHES + where + IN_CHAIN_ORDER, (RowCallbackHandler) row ->
                visitor.visit(event(row), row.getBytes(10)), arguments);
    }

    private static ChainedEvent event(ResultSet row) throws SQLException {
        return new ChainedEvent(row.getString(1), row.getLong(2), row.getString(3),
                DateTimeUtils.parseInstant(row.getString(4)), row.getString(5), row.getString(6), row.getString(7),
                row.getBytes(8), row.getBytes(9));
    }
}
