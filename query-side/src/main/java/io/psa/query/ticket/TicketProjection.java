package io.psa.query.ticket;

import com.github.benmanes.caffeine.cache.Cache;
import io.psa.api.message.MessageMetadata;
import io.psa.platform.Caches;
import io.psa.platform.axon.EventIsolation;
import io.psa.platform.axon.rebuild.DirectReplay;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static io.psa.api.ticket.TicketEvents.TicketEvent;

/**
 * Keeps ticket_view up to date, and the alert list beside it. A batch of events is folded in memory and each ticket it
 * touched is written once, just before the batch's transaction (which also stores the processor's token) commits; while
 * the processing group isolates events after a failure ({@link EventIsolation}), each event is written at once instead,
 * so that one the table cannot take is parked alone. Idempotent: an event at or below the row's last sequence is
 * skipped, so a batch redelivered after a crash changes nothing. An event that arrives before an earlier one of its
 * ticket (whatever order concurrent transactions commit in) first brings the ticket up to date from the event store, so
 * no event is ever skipped unapplied. Rebuilt by a processor reset.
 */
@Component
@ProcessingGroup(TicketProjection.PROCESSING_GROUP)
public class TicketProjection implements DirectReplay {
    public static final String PROCESSING_GROUP = "ticket-views";
    private static final String BATCH = TicketProjection.class.getName() + ".batch";
    /** How many tickets' last written documents are kept in memory. */
    private static final int REMEMBERED = 1_000;

    /** A ticket being changed by the current batch; {@code written}: nothing of it is left to write. */
    private static final class Changing {
        final TicketDocument document;
        boolean isNew;
        long lastSequence;
        boolean written = true;
        /** How many of the document's alerts are in the alert list already. */
        int alertsListed;

        Changing(TicketDocument document, boolean isNew, long lastSequence) {
            this.document = document;
            this.isNew = isNew;
            this.lastSequence = lastSequence;
            this.alertsListed = document.alerts.size();
        }
    }

    /** A document as it was committed, with the sequence of the last event in it. */
    private record Committed(TicketDocument document, long lastSequence) {
    }

    private final TicketViews views;
    private final TicketHistoryReader store;
    /**
     * The documents this process committed last, so that the next batch with events of the same ticket need not
     * read and parse its row again. Only committed ones: a batch that rolls back, or an event that fails, forgets
     * the tickets it changed (their documents were changed in place). A ticket's events are handled by one thread
     * at a time (its segment), and nothing else writes ticket_view but a reset, which forgets them all.
     */
    private final Cache<String, Committed> committed = Caches.inline().maximumSize(REMEMBERED).build();

    public TicketProjection(TicketViews views, TicketHistoryReader store) {
        this.views = views;
        this.store = store;
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @EventHandler
    public void on(TicketEvent event, @SequenceNumber long sequence, @Timestamp Instant at,
                   @MetaDataValue(MessageMetadata.ACTOR) String actor, ReplayStatus replay) {
        Map<String, Changing> batch = batch();
        Changing ticket = batch.computeIfAbsent(event.ticketId(), ticketId -> load(ticketId, sequence, replay));
        if (ticket.lastSequence >= sequence) {
            return;
        }
        try {
            if (ticket.lastSequence + 1 < sequence) {
                ticket.lastSequence = store.applyStored(ticket.document, event.ticketId(), ticket.lastSequence + 1,
                        sequence - 1);
                if (ticket.lastSequence + 1 < sequence) {
                    throw new IllegalStateException("ticket " + event.ticketId() + ": event " + sequence
                            + " arrived, but event " + (ticket.lastSequence + 1) + " is not in the store yet");
                }
            }
            ticket.document.apply(event, at, actor);
            ticket.lastSequence = sequence;
            ticket.written = false;
            if (EventIsolation.isolated()) {
                write(ticket);
            }
        } catch (RuntimeException failed) {
            batch.remove(event.ticketId());   // what the failed event half changed is not written
            committed.invalidate(event.ticketId());
            throw failed;
        }
    }

    @ResetHandler
    public void reset() {
        views.deleteAll();
        committed.invalidateAll();
    }

    /**
     * The ticket as its row holds it, before its event with {@code sequence}. Outside a replay, a ticket's first event
     * finds no row: the row is written by the transaction that moves the processor's token past that event, so it is
     * not read (a query per ticket opened). Should a row be there all the same, its insert fails, the batch rolls back
     * and is retried isolated, and an isolated event's ticket is always read. A replay reads, as its rows may be
     * there from a rebuild that was cut short.
     */
    private Changing load(String ticketId, long sequence, ReplayStatus replay) {
        Committed remembered = committed.getIfPresent(ticketId);
        if (remembered != null) {
            return new Changing(remembered.document(), false, remembered.lastSequence());
        }
        if (sequence > 0 || EventIsolation.isolated() || replay.isReplay()) {
            Optional<TicketViews.Stored> stored = views.find(ticketId);
            if (stored.isPresent()) {
                return new Changing(stored.get().document(), false, stored.get().lastSequence());
            }
        }
        return new Changing(new TicketDocument(), true, -1);
    }

    private void write(Changing ticket) {
        views.save(ticket.document, ticket.lastSequence, ticket.isNew, ticket.alertsListed);
        ticket.alertsListed = ticket.document.alerts.size();
        ticket.isNew = false;
        ticket.written = true;
    }

    /** The tickets the current batch changes; those not written yet are written when the batch commits. */
    private Map<String, Changing> batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            Map<String, Changing> changing = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(done -> changing.values().stream().filter(ticket -> !ticket.written)
                                                       .forEach(this::write));
            unitOfWork.afterCommit(done -> changing.forEach((ticketId, ticket) ->
                    committed.put(ticketId, new Committed(ticket.document, ticket.lastSequence))));
            unitOfWork.onRollback(done -> committed.invalidateAll(changing.keySet()));
            return changing;
        });
    }
}
