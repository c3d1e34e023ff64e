package io.psa.platform.persistence;

import io.psa.platform.axon.chain.EventChainConfiguration;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.psa.platform.persistence.MigrationSteps.connect;
import static io.psa.platform.persistence.MigrationSteps.database;
import static io.psa.platform.persistence.MigrationSteps.migrate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events parked by Axon's JPA dead-letter queue, with their times as timestamps, are read by its JDBC queue
 * after V25 with the same times, and the JDBC queue parks and releases letters on that table; on PostgreSQL and on
 * the H2 default.
 */
class DeadLetterMigrationTest {
    private static final Instant ENQUEUED = Instant.parse("2026-03-10T09:15:30.123Z");
    private static final Instant TOUCHED = Instant.parse("2026-03-10T10:00:00Z");

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void lettersParkedBeforeKeepTheirTimesAndTheQueueWorksOnTheTable(String storage) throws Exception {
        String[] database = database(storage, directory, "dead_letter_migration");
        migrate(database, "24");
        try (Connection connection = connect(database);
             PreparedStatement parked = connection.prepareStatement("insert into dead_letter_entry (dead_letter_id, "
                     + "processing_group, sequence_identifier, sequence_index, message_type, event_identifier, "
                     + "time_stamp, payload_type, payload, meta_data, enqueued_at, last_touched, cause_type, "
                     + "cause_message, diagnostics) values ('letter-1', 'ticket-views', 'ticket-1', 0, ?, 'event-1', "
                     + "'2026-03-10T09:15:29.000Z', 'java.lang.String', ?, ?, ?, ?, 'java.lang.IllegalStateException', "
                     + "'the view could not be written', ?)")) {
            parked.setString(1, GenericEventMessage.class.getName());
            parked.setBytes(2, "\"a note\"".getBytes());
            parked.setBytes(3, "{}".getBytes());
            parked.setObject(4, OffsetDateTime.ofInstant(ENQUEUED, ZoneOffset.UTC));
            parked.setObject(5, OffsetDateTime.ofInstant(TOUCHED, ZoneOffset.UTC));
            parked.setBytes(6, "{}".getBytes());
            parked.executeUpdate();
        }
        migrate(database, "25");

        JdbcSequencedDeadLetterQueue<EventMessage<?>> queue = queue(database, "ticket-views");
        try (Connection connection = connect(database)) {
            List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
            queue.deadLetterSequence("ticket-1").forEach(letters::add);
            assertThat(letters).hasSize(1);
            DeadLetter<? extends EventMessage<?>> letter = letters.get(0);
            assertThat(letter.enqueuedAt()).isEqualTo(ENQUEUED);
            assertThat(letter.lastTouched()).isEqualTo(TOUCHED);
            assertThat(letter.message().getIdentifier()).isEqualTo("event-1");
            assertThat(letter.message().getPayload()).isEqualTo("a note");
            assertThat(letter.cause()).hasValueSatisfying(cause -> assertThat(cause.message())
                    .isEqualTo("the view could not be written"));

            queue.enqueue("ticket-2", new GenericDeadLetter<>("ticket-2",
                    GenericEventMessage.asEventMessage("another note"), new IllegalStateException("no")));
            assertThat(queue.amountOfSequences()).isEqualTo(2);
            try (ResultSet times = connection.createStatement().executeQuery("select enqueued_at from "
                    + "dead_letter_entry where sequence_identifier = 'ticket-2'")) {
                assertThat(times.next()).isTrue();
                assertThat(Instant.parse(times.getString(1))).as("written as text").isBeforeOrEqualTo(Instant.now());
            }
            assertThat(queue.process(parked -> parked.message().getIdentifier().equals("event-1"),
                    parked -> Decisions.evict())).as("the letter from before is taken up").isTrue();
            assertThat(queue.amountOfSequences()).isEqualTo(1);
            assertThat(queue.contains("ticket-1")).isFalse();
        }
    }

    private static JdbcSequencedDeadLetterQueue<EventMessage<?>> queue(String[] database, String group) {
        JacksonSerializer json = JacksonSerializer.defaultSerializer();
        return JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(group)
                .connectionProvider(() -> connect(database))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new EventChainConfiguration().deadLetterSchema())
                .genericSerializer(json)
                .eventSerializer(json)
                .build();
    }
}
