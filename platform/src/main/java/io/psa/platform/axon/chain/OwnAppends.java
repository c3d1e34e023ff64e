package io.psa.platform.axon.chain;

import com.github.benmanes.caffeine.cache.Cache;
import io.psa.platform.Caches;
import org.axonframework.eventhandling.TrackedEventData;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The events this process appended, for the event store's reader (Axon's, which feeds every processor of the
 * process). The reader reads again at once after every read that found events, and again when an append of this
 * process commits (and at least once a second). After a read that found only events this process appended, and
 * fewer than a batch, the read at once finds nothing new unless another process appended meanwhile, which nothing
 * tells of in either case: that read is answered without a query, unless an append of this process committed since
 * the read before began. After a read that found events of another process (the query side of the split
 * deployment finds only those), the next read queries, as Axon's does.
 */
final class OwnAppends {
    /** Committed events remembered until the reader finds them; one forgotten only costs a query. */
    private static final int REMEMBERED_EVENTS = 10_000;
    private static final long READ_AGAIN = -1;

    private final AtomicLong commits = new AtomicLong();
    private final Cache<String, Boolean> committedUnread = Caches.inline().maximumSize(REMEMBERED_EVENTS).build();
    /** {@link #commits} when the reader's last read began, if the next read may be answered without a query. */
    private volatile long skipAt = READ_AGAIN;

    /** In the appending transaction: the events are counted and remembered once it commits. */
    void appending(List<String> eventIdentifiers) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            commits.incrementAndGet();   // no commit to wait for: the next read queries
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                eventIdentifiers.forEach(identifier -> committedUnread.put(identifier, Boolean.TRUE));
                commits.incrementAndGet();
            }
        });
    }

    /** The reader's read: what {@code query} finds, or nothing without asking when nothing can be new. */
    <T extends TrackedEventData<?>> List<T> read(Supplier<List<T>> query, int batchSize) {
        long began = commits.get();
        if (skipAt == began) {
            skipAt = READ_AGAIN;
            return List.of();
        }
        List<T> found = query.get();
        boolean onlyOwn = !found.isEmpty();
        for (T event : found) {
            onlyOwn &= committedUnread.asMap().remove(event.getEventIdentifier()) != null;
        }
        skipAt = onlyOwn && found.size() < batchSize ? began : READ_AGAIN;
        return found;
    }
}
