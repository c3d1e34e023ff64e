package io.psa.standalone;

import io.psa.api.ticket.TicketEvents;
import io.psa.api.ticket.Visibility;
import io.psa.api.ticket.NoteContent;
import io.psa.query.ticket.TicketProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ticket read model is rebuilt from the event store to the same documents, and a redelivered event is a no-op. */
class ProjectionReplayTest extends ApiTest {
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TicketProjection projection;

    private List<Map<String, Object>> readModel() {
        return jdbc.queryForList("select v.ticket_id, v.status, v.last_sequence, d.document from ticket_view v "
                                  + "join ticket_document d on d.ticket_id = v.ticket_id order by v.ticket_id");
    }

    @Test
    void aResetRebuildsIdenticalDocuments() {
        String tech = resource("Tech");
        for (int i = 0; i < 5; i++) {
            String ticket = openTicket(acme, "Ticket " + i);
            api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "n", "text", "note " + i, "visibility", "EXTERNAL"));
            api.post("/api/tickets/" + ticket + "/time-entries", Map.of("resourceId", tech, "workDate", "2026-01-1" + i,
                    "hoursWorked", i + 1));
            api.post("/api/tickets/" + ticket + "/status", Map.of("status", "IN_PROGRESS"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from ticket_view where status = 'IN_PROGRESS'", Long.class) == 5);
        List<Map<String, Object>> before = readModel();

        StreamingEventProcessor processor = processing.eventProcessor(TicketProjection.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("select count(*) from ticket_view", Long.class)).isZero();
        processor.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> readModel().equals(before));
    }

    @Test
    void anEventDeliveredAgainChangesNothing() {
        String ticket = openTicket(acme, "Redelivery");
        api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "n", "text", "first", "visibility", "EXTERNAL"));
        readUntil("/api/tickets/" + ticket, r -> r.json().path("notes").size() == 1);
        List<Map<String, Object>> before = readModel();

        DefaultUnitOfWork.startAndGet(null).execute(() -> projection.on(new TicketEvents.NoteAdded(ticket, "n-again",
                new NoteContent("n", "again", Visibility.EXTERNAL), "admin"), 1, Instant.now(), "admin",
                ReplayStatus.REGULAR));

        assertThat(readModel()).isEqualTo(before);
    }
}
