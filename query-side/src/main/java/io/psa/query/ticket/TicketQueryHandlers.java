package io.psa.query.ticket;

import io.psa.api.query.Page;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

import static io.psa.api.ticket.TicketQueries.*;

/** Answers the ticket queries from the read model, and the auditor's from the event store. */
@Component
public class TicketQueryHandlers {
    private final TicketViews views;
    private final TicketHistoryReader historyReader;

    public TicketQueryHandlers(TicketViews views, TicketHistoryReader historyReader) {
        this.views = views;
        this.historyReader = historyReader;
    }

    @QueryHandler
    public Optional<TicketDocument> handle(TicketDetail query) {
        return views.find(query.ticketId()).map(TicketViews.Stored::document);
    }

    @QueryHandler
    @SuppressWarnings("rawtypes")   // Axon matches a handler by its declared class: Page<...> is no Page.class
    public Page handle(TicketList query) {
        return views.list(query);
    }

    @QueryHandler
    @SuppressWarnings("rawtypes")
    public Page handle(AlertList query) {
        return views.alerts(query);
    }

    @QueryHandler
    public List<TicketHistoryReader.HistoryEntry> handle(TicketHistory query) {
        return historyReader.history(query.ticketId());
    }

    @QueryHandler
    public Optional<TicketDocument> handle(TicketStateAsOf query) {
        return historyReader.asOf(query.ticketId(), query.asOf());
    }
}
