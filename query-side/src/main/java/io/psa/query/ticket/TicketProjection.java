package io.psa.query.ticket;

import io.psa.api.message.MessageMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
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
 * Keeps ticket_view up to date. A batch of events is folded in memory and each ticket it touched is written once,
 * just before the batch's transaction (which also stores the processor's token) commits. Idempotent: an event whose
 * sequence number the row has passed is skipped, so a batch redelivered after a crash changes nothing. Rebuilt by a
 * processor reset.
 */
@Component
@ProcessingGroup(TicketProjection.PROCESSING_GROUP)
public class TicketProjection {
    public static final String PROCESSING_GROUP = "ticket-views";
    private static final String BATCH = TicketProjection.class.getName() + ".batch";

    /** A ticket being changed by the current batch. */
    private static final class Changing {
        final TicketDocument document;
        final boolean isNew;
        long lastSequence;

        Changing(TicketDocument document, boolean isNew, long lastSequence) {
            this.document = document;
            this.isNew = isNew;
            this.lastSequence = lastSequence;
        }
    }

    private final TicketViews views;

    public TicketProjection(TicketViews views) {
        this.views = views;
    }

    @EventHandler
    public void on(TicketEvent event, @SequenceNumber long sequence, @Timestamp Instant at,
                   @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        Changing ticket = batch().computeIfAbsent(event.ticketId(), this::load);
        if (ticket.lastSequence >= sequence) {
            return;
        }
        ticket.document.apply(event, at, actor);
        ticket.lastSequence = sequence;
    }

    @ResetHandler
    public void reset() {
        views.deleteAll();
    }

    private Changing load(String ticketId) {
        Optional<TicketViews.Stored> stored = views.find(ticketId);
        return stored.map(s -> new Changing(s.document(), false, s.lastSequence()))
                     .orElseGet(() -> new Changing(new TicketDocument(), true, -1));
    }

    /** The tickets the current batch changes; written when the batch commits. */
    private Map<String, Changing> batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            Map<String, Changing> changing = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(done -> changing.values().stream()
                                                       .filter(ticket -> ticket.lastSequence >= 0)
                                                       .forEach(ticket -> views.save(ticket.document,
                                                               ticket.lastSequence, ticket.isNew)));
            return changing;
        });
    }
}
