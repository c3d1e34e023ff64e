package io.psa.standalone;

import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.Visibility;
import io.psa.command.outsourcing.LinkedTickets;
import io.psa.command.outsourcing.LinkedTickets.OfLinkedTicket;
import io.psa.command.outsourcing.PartnerFeed;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.UUID;

import static io.psa.api.ticket.TicketEvents.NoteAdded;
import static io.psa.api.ticket.TicketEvents.TicketOutsourced;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partner feed's processor passes over the item events of tickets without a partner link, and takes those of a
 * ticket from its outsourcing on, also when the note comes in the same batch as the outsourcing (the processor asks
 * about each event as it reads it, in order, before it handles the batch).
 */
class PartnerFeedLinkedTicketsTest extends ApiTest {
    @Autowired
    LinkedTickets linkedTickets;

    @Test
    void anItemEventIsTakenOnlyFromItsTicketsOutsourcingOn() throws Exception {
        Method onNote = PartnerFeed.class.getDeclaredMethod("on", NoteAdded.class, EventMessage.class, Instant.class,
                OfLinkedTicket.class);
        ParameterResolver<?> linked = linkedTickets.createInstance(onNote, onNote.getParameters(), 3);
        String ticket = UUID.randomUUID().toString();
        EventMessage<?> note = GenericEventMessage.asEventMessage(new NoteAdded(ticket, "n-1",
                new NoteContent("Access", "key at the desk", Visibility.EXTERNAL), "admin"));

        assertThat(linked.matches(note)).as("a ticket without a link").isFalse();
        assertThat(linked.matches(GenericEventMessage.asEventMessage(new TicketOutsourced(ticket, "ag-1", "Partner AG",
                null, null)))).isTrue();
        assertThat(linked.matches(note)).as("read after its outsourcing, before the batch is handled").isTrue();
        assertThat(linkedTickets.createInstance(onNote, onNote.getParameters(), 2)).as("other parameters").isNull();
    }
}
