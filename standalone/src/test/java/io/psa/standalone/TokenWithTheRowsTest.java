package io.psa.standalone;

import io.psa.platform.persistence.LastWrite;
import io.psa.query.ticket.TicketProjection;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A processor's token is written last in its batch's transaction ({@code LastTokenStore}): with the statements the
 * projection holds to the end ({@link LastWrite}), in their round trip, otherwise alone before the commit; and a
 * segment another node has claimed writes nothing.
 */
class TokenWithTheRowsTest extends ApiTest {
    private static final String MARK = "2000-01-01T00:00:00Z";
    /** A statement of the taker's, which updates a row whatever the token's update did. */
    private static final String MARK_THE_ROW = "update token_entry set timestamp = '" + MARK
                                               + "' where processor_name = :processor";

    @Autowired
    TokenStore tokens;
    @Autowired
    TransactionManager transactions;
    @Autowired
    DataSource dataSource;
    @Autowired
    Serializer serializer;
    /** A processor of this test's own, its one segment claimed by this node. */
    String processor;

    @BeforeEach
    void aProcessorOfItsOwn() {
        processor = "token-test-" + UUID.randomUUID();
        transactions.executeInTransaction(() -> {
            tokens.initializeTokenSegments(processor, 1);
            tokens.fetchToken(processor, 0);
        });
    }

    @Test
    void aTokenIsWrittenWithTheBatchsLastStatements() {
        inBatch(() -> {
            tokens.storeToken(new GlobalSequenceTrackingToken(42), processor, 0);
            LastWrite.hold(dataSource, MARK_THE_ROW, new MapSqlParameterSource("processor", processor));
        });
        assertThat(stored(processor, 0)).isEqualTo(new GlobalSequenceTrackingToken(42));
        assertThat(jdbc.queryForObject("select timestamp from token_entry where processor_name = ?", String.class,
                processor)).as("the statement held after the token's update ran after it").isEqualTo(MARK);
    }

    @Test
    void aTokenNobodyTakesIsWrittenBeforeTheCommit() {
        inBatch(() -> tokens.storeToken(new GlobalSequenceTrackingToken(43), processor, 0));
        assertThat(stored(processor, 0)).isEqualTo(new GlobalSequenceTrackingToken(43));
    }

    /**
     * The statement held after the token's update does update a row, and would commit with it (on PostgreSQL the
     * commit is in the same string): what stops it is the token's own check.
     */
    @Test
    void aSegmentAnotherNodeClaimedWritesNothing() {
        String claimedUntil = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        jdbc.update("update token_entry set owner = 'another node', timestamp = ? where processor_name = ?",
                claimedUntil, processor);
        assertThatThrownBy(() -> inBatch(() -> {
            tokens.storeToken(new GlobalSequenceTrackingToken(44), processor, 0);
            LastWrite.hold(dataSource, MARK_THE_ROW, new MapSqlParameterSource("processor", processor));
        })).isInstanceOf(UnableToClaimTokenException.class);
        assertThat(jdbc.queryForObject("select token from token_entry where processor_name = ?", byte[].class,
                processor)).as("the token as it was").isNull();
        assertThat(jdbc.queryForObject("select timestamp from token_entry where processor_name = ?", String.class,
                processor)).as("nothing held with the token committed").isEqualTo(claimedUntil);
    }

    /** Each segment's token, written with the ticket views' rows or alone, reaches the store's last event. */
    @Test
    void theTicketViewsTokensReachTheLastEvent() {
        String ticket = openTicket(acme, "Token with the rows");
        created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "Seen", "text", "A note",
                "visibility", "INTERNAL")));
        ticketViewTokensReach(jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class));
    }

    /**
     * A batch whose event is parked writes its token all the same: the event's write, in a savepoint of its own, is
     * not held with the token (rolled back with the savepoint, it must not outlive it, nor spoil the commit).
     */
    @Test
    void aBatchWhoseEventIsParkedStillWritesItsToken() {
        jdbc.execute("alter table ticket_view add constraint test_no_poison check (title <> 'poison')");
        try {
            String poisoned = openTicket(acme, "poison");
            long last = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/api/admin/dead-letters")
                    .json().findValuesAsText("aggregateId")).contains(poisoned));
            ticketViewTokensReach(last);
        } finally {
            jdbc.execute("alter table ticket_view drop constraint test_no_poison");
        }
    }

    private void ticketViewTokensReach(long index) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Integer> segments = jdbc.queryForList("select segment from token_entry where processor_name = ?",
                    Integer.class, TicketProjection.PROCESSING_GROUP);
            assertThat(segments).isNotEmpty();
            assertThat(segments).allSatisfy(segment -> assertThat(stored(TicketProjection.PROCESSING_GROUP, segment))
                    .isNotNull()
                    .satisfies(token -> assertThat(token.position().orElse(-1)).isGreaterThanOrEqualTo(index)));
        });
    }

    private void inBatch(Runnable work) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("a batch"));
        batch.attachTransaction(transactions);
        batch.execute(work);
    }

    /** The segment's token as stored (none yet: null). */
    private TrackingToken stored(String processorName, int segment) {
        return jdbc.queryForObject("select token, token_type from token_entry where processor_name = ? and segment = ?",
                (row, n) -> row.getBytes(1) == null ? null : serializer.deserialize(new SimpleSerializedObject<>(
                        row.getBytes(1), byte[].class, row.getString(2), null)), processorName, segment);
    }
}
