package io.psa.platform.axon.chain;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The processors' streams over the store: every event once and in order, from the ring or, behind it, the store. */
class TailingEventStoreTest {
    private static final int RING_SIZE = 4;

    /**
     * Reads what is stored when asked, as the JDBC engine does (the in-memory engine's stream would go on showing
     * later events), and counts the reads of the streams that read the store themselves (the shared reader reads
     * with mayBlock).
     */
    private static final class CountingEngine extends InMemoryEventStorageEngine {
        final AtomicInteger ownReads = new AtomicInteger();

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
            if (!mayBlock) {
                ownReads.incrementAndGet();
            }
            return super.readEvents(token, mayBlock).toList().stream();
        }
    }

    private final CountingEngine engine = new CountingEngine();
    private final TailingEventStore store = build(engine);

    private static TailingEventStore build(CountingEngine engine) {
        TailingEventStore.Builder builder = TailingEventStore.builder().ringSize(RING_SIZE);
        builder.storageEngine(engine);
        return builder.build();
    }

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void streamsFromTheStartAndFromLaterGetEveryEventOnceInOrderWhileEventsArrive() throws Exception {
        publish(0, 3);
        TrackingEventStream fromStart = store.openStream(null);
        List<Object> first = read(fromStart, 2);
        TrackingEventStream fromSecond = store.openStream(lastToken(first));
        Thread appender = new Thread(() -> IntStream.range(3, 40).forEach(this::publishOne));
        appender.start();

        assertThat(read(fromSecond, 38)).extracting(TailingEventStoreTest::payload)
                .isEqualTo(IntStream.range(2, 40).boxed().toList());
        appender.join();
        assertThat(read(fromStart, 38)).extracting(TailingEventStoreTest::payload)
                .isEqualTo(IntStream.range(2, 40).boxed().toList());
        assertThat(fromStart.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void aStreamFurtherBehindThanTheRingReadsTheStoreItselfAndMissesNothing() throws Exception {
        List<TrackingEventStream> streams = twoStreamsThatRead(2);
        TrackingEventStream ahead = streams.get(0);
        TrackingEventStream behind = streams.get(1);

        publish(2, 10 * RING_SIZE);
        assertThat(read(ahead, 10 * RING_SIZE - 2)).hasSize(10 * RING_SIZE - 2);
        int ownReadsBefore = engine.ownReads.get();
        assertThat(read(behind, 10 * RING_SIZE - 2)).extracting(TailingEventStoreTest::payload)
                .isEqualTo(IntStream.range(2, 10 * RING_SIZE).boxed().toList());
        assertThat(engine.ownReads.get()).isGreaterThan(ownReadsBefore);

        publish(10 * RING_SIZE, 1);
        assertThat(read(behind, 1)).extracting(TailingEventStoreTest::payload).containsExactly(10 * RING_SIZE);
    }

    @Test
    void streamsAtTheHeadShareTheReaderInsteadOfReadingTheStore() throws Exception {
        List<TrackingEventStream> streams = twoStreamsThatRead(1);   // the second reads it itself, then joins the ring
        TrackingEventStream one = streams.get(0);
        TrackingEventStream other = streams.get(1);
        int ownReads = engine.ownReads.get();

        List<Object> seenByOne = new ArrayList<>();
        List<Object> seenByOther = new ArrayList<>();
        for (int event = 1; event <= 50; event++) {
            publishOne(event);
            read(one, 1).forEach(message -> seenByOne.add(payload(message)));
            read(other, 1).forEach(message -> seenByOther.add(payload(message)));
        }

        assertThat(seenByOne).isEqualTo(IntStream.rangeClosed(1, 50).boxed().toList()).isEqualTo(seenByOther);
        assertThat(engine.ownReads.get()).isEqualTo(ownReads);
    }

    /** Two streams from the start that read the first {@code events} published. */
    private List<TrackingEventStream> twoStreamsThatRead(int events) throws InterruptedException {
        List<TrackingEventStream> streams = List.of(store.openStream(null), store.openStream(null));
        publish(0, events);
        for (TrackingEventStream stream : streams) {
            read(stream, events);
        }
        return streams;
    }

    private void publish(int first, int count) {
        IntStream.range(first, first + count).forEach(this::publishOne);
    }

    private void publishOne(int number) {
        store.publish(GenericEventMessage.asEventMessage(number));
    }

    private static List<Object> read(TrackingEventStream stream, int count) throws InterruptedException {
        List<Object> events = new ArrayList<>();
        while (events.size() < count) {
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).as("event %d of %d", events.size(), count)
                    .isTrue();
            events.add(stream.nextAvailable());
        }
        return events;
    }

    private static TrackingToken lastToken(List<Object> events) {
        return ((TrackedEventMessage<?>) events.get(events.size() - 1)).trackingToken();
    }

    private static Object payload(Object event) {
        return ((TrackedEventMessage<?>) event).getPayload();
    }
}
