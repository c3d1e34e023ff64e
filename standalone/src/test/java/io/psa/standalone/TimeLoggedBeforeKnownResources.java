package io.psa.standalone;

import io.psa.api.message.MessageMetadata;
import io.psa.api.ticket.Hours;
import io.psa.api.ticket.TicketEvents.TimeLogged;
import io.psa.api.ticket.TimeEntryContent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Time of a resource that was never registered, as stores from before the {@code known-resource} rule hold it:
 * appended straight to the ticket's stream, since no command logs such time any more. Its hours have no cost rate.
 */
final class TimeLoggedBeforeKnownResources {
    private TimeLoggedBeforeKnownResources() {
    }

    static void log(EventStore events, String ticketId, String resourceId, LocalDate workDate, String hours) {
        long next = events.lastSequenceNumberFor(ticketId).orElse(-1L) + 1;
        TimeEntryContent entry = new TimeEntryContent(resourceId, workDate, Hours.of(hours), Hours.of(hours), true,
                null);
        events.publish(new GenericDomainEventMessage<>("Ticket", ticketId, next,
                new TimeLogged(ticketId, UUID.randomUUID().toString(), entry, "admin"),
                MetaData.with(MessageMetadata.ACTOR, "admin")));
    }
}
