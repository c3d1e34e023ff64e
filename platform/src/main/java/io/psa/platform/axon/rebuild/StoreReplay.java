package io.psa.platform.axon.rebuild;

import io.psa.platform.axon.AdminJobs;
import io.psa.platform.persistence.ReadModelTables;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * The fast way to rebuild a {@link DirectReplay} projection: the store is paged through with plain JDBC, each page
 * upcast and handed to the projection's handlers in one unit of work and transaction (so it folds the page and
 * writes it at once), and the processor's tokens are then set where the pages ended, with the gaps they saw, for the
 * processor to go on from. It skips the per-event cost of the processor (a fetch of the store per batch, monitors,
 * dead-letter checks), which made a replay several times slower than the database allowed.
 */
@Component
public class StoreReplay {
    private static final int PAGE = 1_000;
    /** Gaps older than this many positions are no transaction still running: the processor need not wait on them. */
    private static final int GAP_WINDOW = 10_000;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final TransactionManager transactions;
    private final TokenStore tokens;

    public StoreReplay(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer,
                       org.axonframework.config.Configuration axon, TransactionManager transactions,
                       TokenStore tokens) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.upcasters = axon.upcasterChain();
        this.transactions = transactions;
        this.tokens = tokens;
    }

    /**
     * Feeds every event up to {@code head} to the projection, reporting the position reached after each page, and
     * leaves the processor's tokens (it must be stopped) just after them. The next page is read and deserialized
     * on a thread of its own while the projection writes the current one.
     */
    void replay(DirectReplay projection, long head, LongConsumer progress) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        TreeSet<Long> gaps = new TreeSet<>();
        ExecutorService reader = AdminJobs.worker("projection-rebuild-reader");
        try {
            Future<Page> next = reader.submit(() -> page(0, Math.min(head, PAGE), handlers));
            long position = 0;
            while (position < head) {
                Page page = next.get();
                position = page.upTo();
                if (position < head) {
                    long from = position;
                    next = reader.submit(() -> page(from, Math.min(head, from + PAGE), handlers));
                }
                gaps.addAll(page.gaps());
                if (!page.events().isEmpty()) {
                    apply(handlers, page.events());
                }
                progress.accept(position);
            }
            GapAwareTrackingToken reached = GapAwareTrackingToken.newInstance(position,
                    gaps.tailSet(position - GAP_WINDOW));
            transactions.executeInTransaction(() -> {
                for (int segment : tokens.fetchSegments(projection.processingGroup())) {
                    tokens.storeToken(reached, projection.processingGroup(), segment);
                    tokens.releaseClaim(projection.processingGroup(), segment);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the replay was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a page of the store could not be read", e.getCause());
        } finally {
            reader.shutdownNow();
        }
    }

    /** The events of a range of positions, deserialized where the projection handles them, and the gaps in it. */
    private record Page(long upTo, List<TrackedEventMessage<?>> events, List<Long> gaps) {
    }

    /**
     * The events in (after, upTo], a range of positions no longer than a page: bounded by a limit instead, the
     * range ran to the head, and PostgreSQL's generic plan read all of it for every page.
     */
    private Page page(long after, long upTo, AnnotationEventHandlerAdapter handlers) {
        List<TrackedDomainEventData<byte[]>> rows = new ArrayList<>(PAGE);
        List<Long> gaps = new ArrayList<>();
        long[] expected = {after + 1};
        jdbc.query("select global_index, type, aggregate_identifier, sequence_number, event_identifier, time_stamp, "
                   + "payload_type, payload_revision, payload, meta_data from domain_event_entry "
                   + "where global_index > ? and global_index <= ? order by global_index",
                (ResultSet row) -> {
                    long index = row.getLong(1);
                    for (long missing = expected[0]; missing < index; missing++) {
                        gaps.add(missing);
                    }
                    expected[0] = index + 1;
                    rows.add(new TrackedDomainEventData<>(GapAwareTrackingToken.newInstance(index, List.of()),
                            new GenericDomainEventEntry<>(row.getString(2), row.getString(3), row.getLong(4),
                                    row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                                    row.getBytes(9), row.getBytes(10))));
                }, after, upTo);
        for (long missing = expected[0]; missing <= upTo; missing++) {
            gaps.add(missing);
        }
        List<TrackedEventMessage<?>> events = EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), serializer,
                upcasters).toList();
        events.stream().filter(handlers::canHandle).forEach(TrackedEventMessage::getPayload);
        return new Page(upTo, events, gaps);
    }

    private void apply(AnnotationEventHandlerAdapter handlers, List<TrackedEventMessage<?>> page) {
        UnitOfWork<TrackedEventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(page.get(0));
        unitOfWork.attachTransaction(transactions);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            ReadModelTables.commitWithoutWaitingForTheDisk(jdbc);
            for (TrackedEventMessage<?> event : page) {
                if (handlers.canHandle(event)) {
                    handlers.handle(event);
                }
            }
            return null;
        });
        if (result.isExceptional()) {
            throw new IllegalStateException("a page of the store could not be replayed", result.exceptionResult());
        }
    }
}
