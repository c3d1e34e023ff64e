package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.platform.axon.chain.ChainVerification;
import io.psa.platform.axon.chain.ChainVerification.Status;
import io.psa.platform.axon.chain.EventChain;
import io.psa.platform.axon.chain.EventChainVerifier;
import io.psa.platform.test.ApiClient;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each aggregate's events are chained by hash beside the store. Whatever is changed in the database behind the
 * system's back (an event's payload, metadata or time, an event removed, a hash rewritten), the verification names
 * the first event that no longer matches; an untouched history is VALID.
 */
class TamperEvidenceTest extends ApiTest {
    @Autowired
    EventChainVerifier verifier;
    @Autowired
    EventStore eventStore;
    @Autowired
    PlatformTransactionManager transactionManager;
    String ticket;

    @BeforeEach
    void aTicketWithThreeNotes() {
        ticket = openTicket(acme, "Audited");
        for (String text : new String[]{"first", "second", "third"}) {
            created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "n", "text", text,
                    "visibility", "INTERNAL")));
        }
    }

    @Test
    void anUntouchedHistoryIsValidWithItsHeadHash() {
        JsonNode chain = verification(ticket);
        assertThat(chain.path("status").asText()).isEqualTo("VALID");
        assertThat(chain.path("events").asLong()).isEqualTo(events(ticket)).isGreaterThanOrEqualTo(4);
        assertThat(chain.path("headHash").asText()).matches("[0-9a-f]{64}");
        assertThat(chain.path("firstMismatch").isNull()).isTrue();
        created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "n", "text", "fourth",
                "visibility", "INTERNAL")));
        assertThat(verification(ticket).path("headHash").asText()).as("a new event moves the head")
                .isNotEqualTo(chain.path("headHash").asText());
    }

    @Test
    void anEditedPayloadIsNamed() {
        long second = noteSequence("second");
        jdbc.update("update domain_event_entry set payload = ? where aggregate_identifier = ? and sequence_number = ?",
                payload(ticket, second).replace("second", "edited").getBytes(StandardCharsets.UTF_8), ticket, second);
        assertNamed(second, "ticket.NoteAdded", "was changed after it was stored");
        assertThat(api.get("/api/tickets/" + ticket + "/history").status()).as("the history still reads")
                .isEqualTo(200);
    }

    @Test
    void editedMetadataAndAnEditedTimeAreNamed() {
        long first = noteSequence("first");
        long third = noteSequence("third");
        jdbc.update("update domain_event_entry set time_stamp = ? where aggregate_identifier = ? "
                    + "and sequence_number = ?", "2020-01-01T00:00:00.000Z", ticket, third);
        assertNamed(third, "ticket.NoteAdded", "was changed after it was stored");
        String metadata = new String(jdbc.queryForObject("select meta_data from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = ?", byte[].class, ticket, first),
                StandardCharsets.UTF_8);
        assertThat(metadata).contains("admin");
        jdbc.update("update domain_event_entry set meta_data = ? where aggregate_identifier = ? "
                    + "and sequence_number = ?", metadata.replace("admin", "someone-else")
                            .getBytes(StandardCharsets.UTF_8), ticket, first);
        assertNamed(first, "ticket.NoteAdded", "was changed after it was stored");
    }

    @Test
    void anEventEditedAndItsHashRecomputedIsCaughtByTheNextOne() {
        long second = noteSequence("second");
        jdbc.update("update event_hash set hash = ? where aggregate_identifier = ? and sequence_number = ?",
                new byte[32], ticket, second);
        assertNamed(second, "ticket.NoteAdded", "or its recorded hash was changed");
    }

    @Test
    void removedEventsAreNamedInTheMiddleAndAtTheEnd() {
        long third = noteSequence("third");
        jdbc.update("delete from domain_event_entry where aggregate_identifier = ? and sequence_number = ?",
                ticket, third);
        JsonNode atTheEnd = verification(ticket).path("firstMismatch");
        assertThat(atTheEnd.path("sequenceNumber").asLong()).isEqualTo(third);
        assertThat(atTheEnd.path("problem").asText()).contains("was removed from the store");

        long first = noteSequence("first");
        jdbc.update("delete from domain_event_entry where aggregate_identifier = ? and sequence_number = ?",
                ticket, first);
        JsonNode inTheMiddle = verification(ticket).path("firstMismatch");
        assertThat(inTheMiddle.path("sequenceNumber").asLong()).isEqualTo(first);
        assertThat(inTheMiddle.path("problem").asText()).contains("is missing from the store");
    }

    @Test
    void anEventWrittenBehindTheSystemsBackHasNoHash() {
        long second = noteSequence("second");
        jdbc.update("delete from event_hash where aggregate_identifier = ? and sequence_number = ?", ticket, second);
        assertNamed(second, "ticket.NoteAdded", "has no recorded hash");
    }

    @Test
    void eventsStoredBeforeTheChainExistedAreSealedByTheUpgrade() {
        jdbc.update("delete from event_hash");
        assertThat(verification(ticket).path("status").asText()).isEqualTo("BROKEN");
        assertThat(EventChain.sealUnchained(jdbc)).isEqualTo(storedEvents());
        assertThat(verification(ticket).path("status").asText()).isEqualTo("VALID");
        created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "n", "text", "after sealing",
                "visibility", "INTERNAL")));
        assertThat(verification(ticket).path("status").asText()).as("new events chain on").isEqualTo("VALID");
    }

    /**
     * An append is written 500 events per statement (the PostgreSQL driver takes at most 65,535 parameters in one,
     * 5,461 events with their hashes); the chain runs on across them.
     */
    @Test
    void manyEventsAppendedTogetherAreChainedWhole() {
        String aggregate = "long-append-" + UUID.randomUUID();
        eventStore.publish(IntStream.range(0, 6_001).<EventMessage<?>>mapToObj(sequence ->
                new GenericDomainEventMessage<>("Test", aggregate, sequence, "event " + sequence)).toList());
        ChainVerification chain = verifier.verify(aggregate).orElseThrow();
        assertThat(chain.status()).isEqualTo(Status.VALID);
        assertThat(chain.events()).isEqualTo(6_001);
        assertThat(jdbc.queryForObject("select count(*) from event_hash where aggregate_identifier = ?", Long.class,
                aggregate)).isEqualTo(6_001);
    }

    @Test
    void appendsToOneAggregateInOneTransactionChainOnEachOther() {
        String aggregate = "two-appends-" + UUID.randomUUID();
        // the first append's rows are written only when the transaction commits, after the second's
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            eventStore.publish(new GenericDomainEventMessage<>("Test", aggregate, 0, "first"));
            eventStore.publish(new GenericDomainEventMessage<>("Test", aggregate, 1, "second"));
        });
        ChainVerification chain = verifier.verify(aggregate).orElseThrow();
        assertThat(chain.status()).isEqualTo(Status.VALID);
        assertThat(chain.events()).isEqualTo(2);
    }

    @Test
    void onlyTicketsAreVerifiedHere() {
        assertThat(api.get("/api/tickets/" + acme + "/history/verification").status()).isEqualTo(404);
        assertThat(api.get("/api/tickets/no-such-ticket/history/verification").status()).isEqualTo(404);
    }

    @Test
    void theWholeStoreVerificationFindsEveryBrokenChainWithProgress() {
        String other = openTicket(acme, "Also audited");
        long second = noteSequence("second");
        jdbc.update("update domain_event_entry set payload = ? where aggregate_identifier = ? and sequence_number = ?",
                payload(ticket, second).replace("second", "edited").getBytes(StandardCharsets.UTF_8), ticket, second);
        jdbc.update("delete from domain_event_entry where aggregate_identifier = ?", other);

        ApiClient.Response started = api.post("/api/admin/event-chain/verification", Map.of());
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().path("eventsTotal").asLong()).isEqualTo(storedEvents());
        JsonNode run = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/admin/event-chain/verification").json(),
                        status -> !status.path("state").asText().equals("RUNNING"));
        assertThat(run.path("state").asText()).isEqualTo("DONE");
        assertThat(run.path("eventsChecked").asLong()).isEqualTo(run.path("eventsTotal").asLong());
        assertThat(run.path("secondsLeft").asLong()).isZero();
        List<String> broken = run.path("broken").findValuesAsText("aggregateId");
        assertThat(broken).contains(ticket, other).hasSize(run.path("brokenChains").asInt())
                .as("the same chains as verified one by one (other tests of this class broke some too)")
                .containsExactlyInAnyOrderElementsOf(jdbc.queryForList("select aggregate_identifier from "
                        + "domain_event_entry union select aggregate_identifier from event_hash", String.class)
                        .stream().filter(id -> verifier.verify(id).orElseThrow().status() == Status.BROKEN).toList());
        assertThat(new ApiClient(port).as("no-such-token").get("/api/admin/event-chain/verification").status())
                .isEqualTo(401);
    }

    private void assertNamed(long sequenceNumber, String eventType, String problem) {
        JsonNode chain = verification(ticket);
        assertThat(chain.path("status").asText()).isEqualTo("BROKEN");
        assertThat(chain.path("headHash").isNull()).as("a broken chain has no head to vouch for").isTrue();
        JsonNode mismatch = chain.path("firstMismatch");
        assertThat(mismatch.path("sequenceNumber").asLong()).isEqualTo(sequenceNumber);
        assertThat(mismatch.path("eventIdentifier").asText()).isEqualTo(jdbc.queryForObject(
                "select event_identifier from domain_event_entry where aggregate_identifier = ? "
                + "and sequence_number = ?", String.class, ticket, sequenceNumber));
        assertThat(mismatch.path("eventType").asText()).isEqualTo(eventType);
        assertThat(mismatch.path("problem").asText()).contains(problem);
    }

    private JsonNode verification(String ticketId) {
        ApiClient.Response response = api.get("/api/tickets/" + ticketId + "/history/verification");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private long events(String aggregateId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, aggregateId);
    }

    private long noteSequence(String text) {
        return jdbc.query("select sequence_number, payload from domain_event_entry where aggregate_identifier = ? "
                          + "and payload_type = 'ticket.NoteAdded' order by sequence_number", (row, index) ->
                        new String(row.getBytes(2), StandardCharsets.UTF_8).contains("\"" + text + "\"")
                                ? row.getLong(1) : null, ticket).stream()
                .filter(Objects::nonNull).findFirst().orElseThrow();
    }

    private String payload(String aggregateId, long sequenceNumber) {
        return new String(jdbc.queryForObject("select payload from domain_event_entry where aggregate_identifier = ? "
                + "and sequence_number = ?", byte[].class, aggregateId, sequenceNumber), StandardCharsets.UTF_8);
    }
}
