package io.psa.platform.axon.chain;

import org.axonframework.common.AxonThreadFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStore;
import org.axonframework.lifecycle.Lifecycle;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The event store: appends and aggregates' events go to the storage engine as in Axon's {@code EmbeddedEventStore};
 * the processors' streams are fed by one reader thread, which keeps the latest events in a ring that every stream
 * near the head reads, so that a new event is read from the database once, not once per processor. A stream that
 * falls further behind than the ring holds, or starts elsewhere, reads the database itself until it reaches the
 * ring again.
 * <p>
 * Why not Axon's: its cache is a linked list whose nodes stay linked after they leave it. Once one node reached the
 * old generation of the heap, every young collection kept the nodes after it alive through that link, so every
 * event read, with its payload and tokens, was copied through the survivor spaces into the old generation: the
 * larger part of each young collection's pause (steady survivors of about 4.5 MB per age at 16 clients, with a
 * cache of 10,000 events or of 1,000). The ring's slots are overwritten and link nothing.
 * <p>
 * The reader starts after the position of the first stream that looks for its place in the ring, as Axon's did.
 */
public final class TailingEventStore extends AbstractEventStore implements Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(TailingEventStore.class);
    private static final long UNKNOWN = -1;
    /** How long the reader waits before it looks again when it found nothing and no append committed. */
    private static final long FETCH_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** An event at its position in the ring (its count among the events the reader read). */
    private record Entry(long position, TrackedEventMessage<?> event) {
    }

    private final AtomicReferenceArray<Entry> ring;
    /** Two locks, so that the appends' signals to the reader do not hold up the streams' wake-ups. */
    private final ReentrantLock readerLock = new ReentrantLock();
    /** Signalled when an append committed. */
    private final Condition wanted = readerLock.newCondition();
    private final ReentrantLock streamLock = new ReentrantLock();
    /** Signalled when the reader put events in the ring. */
    private final Condition arrived = streamLock.newCondition();
    private final AtomicBoolean readerStarted = new AtomicBoolean();
    private volatile boolean readAgain;
    private volatile boolean closed;
    /** Events the reader put in the ring; the next one goes to position {@code written}. */
    private volatile long written;
    /** Where the reader goes on from: the token of the ring's newest event, or the first joining stream's. */
    private volatile TrackingToken readerToken;

    private TailingEventStore(Builder builder) {
        super(builder);
        this.ring = new AtomicReferenceArray<>(builder.ringSize);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new ProcessorStream(trackingToken);
    }

    /** An append committed: the reader reads at once rather than at its next poll. */
    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        readAgain = true;
        signal(readerLock, wanted);
    }

    @Override
    public void registerLifecycleHandlers(LifecycleRegistry lifecycle) {
        lifecycle.onShutdown(Phase.INBOUND_EVENT_CONNECTORS - 10, this::shutDown);
    }

    /** Stops the reader; a stream waiting for events finds none (each processor closes its own). */
    public void shutDown() {
        closed = true;
        signal(readerLock, wanted);
        signal(streamLock, arrived);
    }

    private static void signal(ReentrantLock lock, Condition condition) {
        lock.lock();
        try {
            condition.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Starts the reader after {@code from}, unless it was started already. */
    private boolean startReader(TrackingToken from) {
        if (!readerStarted.compareAndSet(false, true)) {
            return false;
        }
        readerToken = from;
        new AxonThreadFactory("TailingEventStore").newThread(this::read).start();
        return true;
    }

    /** The reader: reads again at once while it finds events, or an append committed; otherwise after a delay. */
    private void read() {
        try {
            while (!closed) {
                boolean found = false;
                readAgain = true;
                while (readAgain && !closed) {
                    readAgain = false;
                    found = readOnce();
                }
                if (!found) {
                    readerLock.lock();
                    try {
                        if (!readAgain && !closed) {
                            wanted.awaitNanos(FETCH_DELAY_NANOS);
                        }
                    } finally {
                        readerLock.unlock();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean readOnce() {
        long before = written;
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine().readEvents(readerToken, true)) {
            events.forEach(event -> {
                long position = written;
                ring.set(slot(position), new Entry(position, event));
                readerToken = event.trackingToken();
                written = position + 1;
            });
        } catch (RuntimeException e) {
            log.error("The event store's reader failed to read events; it tries again", e);
        }
        if (written == before) {
            return false;
        }
        signal(streamLock, arrived);
        return true;
    }

    private int slot(long position) {
        return (int) (position % ring.length());
    }

    /**
     * A processor's stream: from the ring while its next event is there, otherwise from a stream of its own over the
     * stored events, opened where it stands and read to the end of what was stored then.
     */
    private final class ProcessorStream implements TrackingEventStream {
        private TrackingToken lastToken;
        /** Position of its next event in the ring, or {@link #UNKNOWN}. */
        private long position = UNKNOWN;
        private Stream<? extends TrackedEventMessage<?>> ownStream;
        private Iterator<? extends TrackedEventMessage<?>> own;
        private TrackedEventMessage<?> peeked;

        ProcessorStream(TrackingToken start) {
            this.lastToken = start;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(hasNextAvailable() ? peeked : null);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (peeked == null) {
                peeked = next(unit.toNanos(timeout));
            }
            return peeked != null;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (peeked == null) {
                if (closed) {
                    throw new IllegalStateException("The event store was shut down");
                }
                peeked = next(Long.MAX_VALUE);
            }
            TrackedEventMessage<?> event = peeked;
            peeked = null;
            return event;
        }

        @Override
        public void close() {
            closeOwn();
        }

        /** The next event, waiting for it up to {@code timeoutNanos}. */
        private TrackedEventMessage<?> next(long timeoutNanos) throws InterruptedException {
            long remaining = timeoutNanos;
            while (true) {
                long seen = written;
                TrackedEventMessage<?> event = nextAtOnce();
                if (event != null) {
                    lastToken = event.trackingToken();
                    return event;
                }
                if (remaining <= 0 || closed) {
                    return null;
                }
                streamLock.lock();
                try {
                    if (written == seen && !closed) {
                        remaining = arrived.awaitNanos(remaining);
                    }
                } finally {
                    streamLock.unlock();
                }
            }
        }

        private TrackedEventMessage<?> nextAtOnce() {
            if (own != null) {
                if (own.hasNext()) {
                    return own.next();
                }
                closeOwn();   // caught up with what was stored when it was opened: back to the ring
                return fromRing(true);
            }
            return fromRing(false);
        }

        /** From the ring if this stream's next event is there; else, unless it just read its own, from its own. */
        private TrackedEventMessage<?> fromRing(boolean justReadOwn) {
            if (position == UNKNOWN) {
                position = positionAfter(lastToken);
            }
            if (position != UNKNOWN) {
                Entry entry = ring.get(slot(position));
                if (entry != null && entry.position() == position) {
                    position++;
                    return entry.event();
                }
                if (entry == null || entry.position() < position) {
                    return null;   // not read yet
                }
                position = UNKNOWN;   // overwritten: this stream fell behind the ring
            }
            if (justReadOwn) {
                return null;   // at the end of the stored events, not yet in the ring: wait for the reader
            }
            ownStream = storageEngine().readEvents(lastToken, false);
            own = ownStream.iterator();
            return own.hasNext() ? own.next() : null;
        }

        /** The ring position after the event with {@code token}; the first stream to ask starts the reader there. */
        private long positionAfter(TrackingToken token) {
            if (startReader(token)) {
                return 0;
            }
            long newest = written - 1;
            for (long candidate = newest; candidate >= 0 && candidate > newest - ring.length(); candidate--) {
                Entry entry = ring.get(slot(candidate));
                if (entry == null || entry.position() != candidate) {
                    break;
                }
                if (entry.event().trackingToken().equals(token)) {
                    return candidate + 1;
                }
            }
            return written == 0 && token != null && token.equals(readerToken) ? 0 : UNKNOWN;
        }

        private void closeOwn() {
            if (ownStream != null) {
                ownStream.close();
                ownStream = null;
                own = null;
            }
        }
    }

    public static final class Builder extends AbstractEventStore.Builder {
        private int ringSize;

        /** Events the ring holds (required): a stream further behind reads the database itself. */
        public Builder ringSize(int ringSize) {
            this.ringSize = ringSize;
            return this;
        }

        public TailingEventStore build() {
            validate();
            if (ringSize < 1) {
                throw new IllegalArgumentException("The ring holds at least one event");
            }
            return new TailingEventStore(this);
        }
    }
}
