package io.psa.query.ticket;

import io.psa.api.message.MessageMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.psa.api.ticket.TicketEvents.TicketEvent;

/**
 * Reads a ticket's (or another aggregate's) own event stream from the store, for auditors: what happened, and how a
 * ticket looked at a moment.
 */
@Component
public class TicketHistoryReader {
    /** One recorded fact of a ticket. */
    public record HistoryEntry(long sequence, String type, Instant timestamp, String actor, String origin,
                               String correlationId, Object payload) {
    }

    private final EventStore events;

    public TicketHistoryReader(EventStore events) {
        this.events = events;
    }

    public List<HistoryEntry> history(String ticketId) {
        return history("Ticket", ticketId);
    }

    /** The events of an aggregate of this type (its class's simple name); none for an id of another kind. */
    public List<HistoryEntry> history(String aggregateType, String id) {
        List<HistoryEntry> history = new ArrayList<>();
        DomainEventStream stream = events.readEvents(id, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (!aggregateType.equals(event.getType())) {
                return List.of();
            }
            history.add(new HistoryEntry(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                    event.getTimestamp(), metadata(event, MessageMetadata.ACTOR), metadata(event, MessageMetadata.ORIGIN),
                    metadata(event, MessageMetadata.CORRELATION_ID), event.getPayload()));
        }
        return history;
    }

    /** The ticket as it was at {@code asOf}: its events up to that moment, folded; empty if it did not exist yet. */
    public Optional<TicketDocument> asOf(String ticketId, Instant asOf) {
        TicketDocument ticket = null;
        DomainEventStream stream = events.readEvents(ticketId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getTimestamp().isAfter(asOf)) {
                break;
            }
            if (event.getPayload() instanceof TicketEvent ticketEvent) {
                ticket = (ticket == null ? new TicketDocument() : ticket)
                        .apply(ticketEvent, event.getTimestamp(), metadata(event, MessageMetadata.ACTOR));
            }
        }
        return Optional.ofNullable(ticket);
    }

    /**
     * Folds the ticket's stored events {@code from} to {@code to} (sequence numbers) into {@code ticket}; answers the
     * sequence of the last one folded ({@code from - 1} when none is stored yet).
     */
    public long applyStored(TicketDocument ticket, String ticketId, long from, long to) {
        long last = from - 1;
        DomainEventStream stream = events.readEvents(ticketId, from);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getSequenceNumber() > to) {
                break;
            }
            if (event.getSequenceNumber() == last + 1 && event.getPayload() instanceof TicketEvent ticketEvent) {
                ticket.apply(ticketEvent, event.getTimestamp(), metadata(event, MessageMetadata.ACTOR));
                last = event.getSequenceNumber();
            }
        }
        return last;
    }

    private static String metadata(DomainEventMessage<?> event, String key) {
        Object value = event.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
