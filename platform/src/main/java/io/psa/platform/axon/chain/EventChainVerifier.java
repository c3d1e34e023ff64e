package io.psa.platform.axon.chain;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Recomputes hash chains from the stored events and compares them with the recorded hashes. */
@Component
public class EventChainVerifier {
    private static final String HASHES_WITHOUT_EVENT = "select h.aggregate_identifier, min(h.sequence_number) "
            + "from event_hash h where not exists (select 1 from domain_event_entry e "
            + "where e.aggregate_identifier = h.aggregate_identifier and e.sequence_number = h.sequence_number) ";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public EventChainVerifier(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(1_000);   // PostgreSQL streams the store in a transaction instead of loading it whole
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    /** The aggregate's chain; empty when the store holds neither an event nor a hash of it. */
    public Optional<ChainVerification> verify(String aggregateId) {
        ChainVerification.Check check = new ChainVerification.Check(aggregateId);
        EventChain.forEachStored(jdbc, "where e.aggregate_identifier = ?", new Object[]{aggregateId}, check::accept);
        jdbc.query(HASHES_WITHOUT_EVENT + "and h.aggregate_identifier = ? group by h.aggregate_identifier",
                (row, index) -> row.getLong(2), aggregateId).forEach(check::recordedWithoutEvent);
        ChainVerification result = check.result();
        return result.events() == 0 && result.firstMismatch() == null ? Optional.empty() : Optional.of(result);
    }

    /**
     * Verifies every aggregate in one pass over the store, reporting each aggregate's result to {@code each} (and so
     * the events checked so far); aggregates whose events were all removed are reported at the end.
     */
    public void verifyAll(Consumer<ChainVerification> each) {
        readOnly.executeWithoutResult(status -> {
            Map<String, Long> removed = jdbc.query(HASHES_WITHOUT_EVENT + "group by h.aggregate_identifier",
                    (row, index) -> Map.entry(row.getString(1), row.getLong(2))).stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            ChainVerification.Check[] current = {null};
            EventChain.forEachStored(jdbc, "", new Object[0], (event, recorded) -> {
                if (current[0] == null || !current[0].aggregateId().equals(event.aggregateId())) {
                    finish(current[0], removed, each);
                    current[0] = new ChainVerification.Check(event.aggregateId());
                }
                current[0].accept(event, recorded);
            });
            finish(current[0], removed, each);
            removed.forEach((aggregateId, sequenceNumber) -> {
                ChainVerification.Check gone = new ChainVerification.Check(aggregateId);
                gone.recordedWithoutEvent(sequenceNumber);
                each.accept(gone.result());
            });
        });
    }

    private static void finish(ChainVerification.Check check, Map<String, Long> removed,
                               Consumer<ChainVerification> each) {
        if (check != null) {
            Long removedFrom = removed.remove(check.aggregateId());
            if (removedFrom != null) {
                check.recordedWithoutEvent(removedFrom);
            }
            each.accept(check.result());
        }
    }

    public long storedEvents() {
        return Optional.ofNullable(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class))
                       .orElse(0L);
    }
}
