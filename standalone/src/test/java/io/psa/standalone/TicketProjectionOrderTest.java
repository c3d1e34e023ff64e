package io.psa.standalone;

import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.Visibility;
import io.psa.platform.axon.CommandTransaction;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static io.psa.api.ticket.TicketEvents.NoteAdded;
import static io.psa.api.ticket.TicketEvents.TicketOpened;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket projection never skips an event it has not applied, whatever order a ticket's events reach it in: here
 * the store holds note 2 before note 1 (as concurrent transactions committing out of order would leave them), and
 * both reach the ticket's detail.
 */
class TicketProjectionOrderTest extends ApiTest {
    @Autowired
    EventStore events;
    @Autowired
    CommandTransaction transaction;

    @Test
    void anEventThatArrivesBeforeAnEarlierOneOfItsTicketBringsTheEarlierOneAlong() {
        String ticket = UUID.randomUUID().toString();
        transaction.run(() -> events.publish(event(ticket, 0, new TicketOpened(ticket, acme, "Out of order", null,
                Priority.DEFAULT, null, null, null))));
        readUntil("/api/tickets/" + ticket, r -> r.status() == 200);

        transaction.run(() -> events.publish(event(ticket, 2, note(ticket, "second")), event(ticket, 1,
                note(ticket, "first"))));
        assertThat(jdbc.queryForList("select sequence_number from domain_event_entry where aggregate_identifier = ? "
                + "order by global_index", Long.class, ticket)).as("stored out of order").containsExactly(0L, 2L, 1L);

        assertThat(readUntil("/api/tickets/" + ticket, r -> r.json().path("notes").size() >= 2).json().path("notes")
                .findValuesAsText("text")).containsExactly("first", "second");
        assertThat(jdbc.queryForObject("select last_sequence from ticket_view where ticket_id = ?", Long.class,
                ticket)).isEqualTo(2);
    }

    private static NoteAdded note(String ticket, String text) {
        return new NoteAdded(ticket, UUID.randomUUID().toString(), new NoteContent(text, text, Visibility.INTERNAL),
                "tina");
    }

    private static GenericDomainEventMessage<Object> event(String ticket, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Ticket", ticket, sequence, payload);
    }
}
