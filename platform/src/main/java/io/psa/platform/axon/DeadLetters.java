package io.psa.platform.axon;

import io.psa.api.rule.UnknownItem;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * The events projections parked because they could not apply them (see {@link EventIsolation}), for admins: what
 * is parked and why, and a retry once the cause is mended. Later events of the same aggregate wait behind a parked
 * one, so its read model stays consistent; the metric {@code psa_projection_dead_letters{processor}} counts them.
 */
@RestController
@RequestMapping("/api/admin/dead-letters")
@Tag(name = "Administration")
public class DeadLetters {
    /** One parked event. {@code sequence} is the aggregate it belongs to; {@code index} its place in the queue. */
    public record DeadLetter(String processor, String sequence, long index, String eventType, String aggregateId,
                             Long aggregateSequence, Instant enqueuedAt, Instant lastTouched, String causeType,
                             String causeMessage) {
    }

    public record RetryOutcome(String processor, int sequencesTried, long parkedBefore, long parkedAfter) {
    }

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;

    public DeadLetters(EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    @GetMapping
    public List<DeadLetter> parked() {
        return jdbc.query("select processing_group, sequence_identifier, sequence_index, payload_type, "
                          + "aggregate_identifier, sequence_number, enqueued_at, last_touched, cause_type, cause_message "
                          + "from dead_letter_entry order by processing_group, enqueued_at, sequence_identifier, "
                          + "sequence_index",
                (rs, row) -> new DeadLetter(rs.getString(1), rs.getString(2), rs.getLong(3), simpleName(rs.getString(4)),
                        rs.getString(5), (Long) rs.getObject(6), instant(rs.getString(7)), instant(rs.getString(8)),
                        rs.getString(9), rs.getString(10)));
    }

    /** Tries each parked sequence of the processor once, oldest first; what fails again stays parked. */
    @PostMapping("/{processor}/retry")
    public RetryOutcome retryDeadLetters(@PathVariable String processor) {
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(processor)
                .orElseThrow(() -> new UnknownItem("processor with a dead-letter queue", processor));
        long before = count(processor);
        int sequences = jdbc.queryForObject("select count(distinct sequence_identifier) from dead_letter_entry "
                                            + "where processing_group = ?", Integer.class, processor);
        for (int i = 0; i < sequences; i++) {
            letters.processAny();
        }
        return new RetryOutcome(processor, sequences, before, count(processor));
    }

    long count(String processor) {
        return jdbc.queryForObject("select count(*) from dead_letter_entry where processing_group = ?", Long.class,
                processor);
    }

    private static String simpleName(String type) {
        return type == null ? null : type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
    }

    /** The queue keeps its times as ISO-8601 text. */
    private static Instant instant(String time) {
        return time == null ? null : DateTimeUtils.parseInstant(time);
    }
}
