package io.psa.query.ticket;

import io.psa.api.message.MessageMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

import static io.psa.api.ticket.TicketEvents.TicketEvent;

/**
 * Keeps ticket_view up to date. Idempotent: an event whose sequence number the row has passed is skipped, so
 * redelivery after a crash (the token is stored after the row) changes nothing. Rebuilt by a processor reset.
 */
@Component
@ProcessingGroup(TicketProjection.PROCESSING_GROUP)
public class TicketProjection {
    public static final String PROCESSING_GROUP = "ticket-views";

    private final TicketViews views;

    public TicketProjection(TicketViews views) {
        this.views = views;
    }

    @EventHandler
    public void on(TicketEvent event, @SequenceNumber long sequence, @Timestamp Instant at,
                   @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        Optional<TicketViews.Stored> stored = views.find(event.ticketId());
        if (stored.isPresent() && stored.get().lastSequence() >= sequence) {
            return;
        }
        TicketDocument ticket = stored.map(TicketViews.Stored::document).orElseGet(TicketDocument::new);
        views.save(ticket.apply(event, at, actor), sequence, stored.isEmpty());
    }

    @ResetHandler
    public void reset() {
        views.deleteAll();
    }
}
