package io.psa.standalone;

import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.Visibility;
import io.psa.platform.axon.CommandTransaction;
import io.psa.platform.test.ApiClient;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.psa.api.ticket.TicketEvents.NoteAdded;
import static io.psa.api.ticket.TicketEvents.TicketOpened;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket projection never skips an event it has not applied, whatever order a ticket's events reach it in: here
 * the store holds note 2 before note 1 (as concurrent transactions committing out of order would leave them), and
 * both reach the ticket's detail. Nor does it apply one twice when the ticket's row is there before its first event.
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

    /**
     * A ticket's first event does not read its row, which cannot be there yet; should it be there all the same, the
     * batch is retried isolated, which reads it: the events the row holds are not applied twice, and the ticket goes
     * on from it.
     */
    @Test
    void aRowThatIsThereBeforeItsTicketsFirstEventIsReadNotWrittenAgain() {
        String original = openTicket(acme, "Written before");
        api.post("/api/tickets/" + original + "/notes",
                Map.of("title", "n", "text", "first", "visibility", "EXTERNAL"));
        readUntil("/api/tickets/" + original, r -> r.json().path("notes").size() == 1);
        String ticket = UUID.randomUUID().toString();
        for (String table : List.of("ticket_view", "ticket_document", "ticket_activity")) {
            Map<String, Object> row = new LinkedHashMap<>(
                    jdbc.queryForMap("select * from " + table + " where ticket_id = ?", original));
            row.replaceAll((column, value) -> value instanceof String text ? text.replace(original, ticket) : value);
            jdbc.update("insert into " + table + " (" + String.join(", ", row.keySet()) + ") values ("
                        + String.join(", ", Collections.nCopies(row.size(), "?")) + ")", row.values().toArray());
        }

        transaction.run(() -> events.publish(event(ticket, 0, new TicketOpened(ticket, acme, "Opened again", null,
                Priority.DEFAULT, null, null, null)), event(ticket, 1, note(ticket, "first")),
                event(ticket, 2, note(ticket, "second"))));

        ApiClient.Response shown = readUntil("/api/tickets/" + ticket, r -> r.json().path("notes").size() == 2);
        assertThat(shown.json().path("title").asText()).isEqualTo("Written before");
        assertThat(shown.json().path("notes").findValuesAsText("text")).containsExactly("first", "second");
        assertThat(jdbc.queryForObject("select last_sequence from ticket_view where ticket_id = ?", Long.class,
                ticket)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry", Long.class)).isZero();
    }

    private static NoteAdded note(String ticket, String text) {
        return new NoteAdded(ticket, UUID.randomUUID().toString(), new NoteContent(text, text, Visibility.INTERNAL),
                "tina");
    }

    private static GenericDomainEventMessage<Object> event(String ticket, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Ticket", ticket, sequence, payload);
    }
}
