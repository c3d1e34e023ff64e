package io.psa.query.reference;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.api.query.Page;
import io.psa.api.reference.ReferenceQueries.ReferenceHistory;
import io.psa.api.reference.ReferenceQueries.ReferenceItem;
import io.psa.api.reference.ReferenceQueries.ReferenceList;
import io.psa.query.ticket.TicketHistoryReader;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

@Component
public class ReferenceQueryHandlers {
    private final EntityViews views;
    private final TicketHistoryReader histories;

    public ReferenceQueryHandlers(EntityViews views, TicketHistoryReader histories) {
        this.views = views;
        this.histories = histories;
    }

    @QueryHandler
    public List<TicketHistoryReader.HistoryEntry> handle(ReferenceHistory query) {
        return histories.history(EntityViews.Kind.valueOf(query.kind()).aggregateType(), query.id());
    }

    @QueryHandler
    public Optional<JsonNode> handle(ReferenceItem query) {
        return views.find(EntityViews.Kind.valueOf(query.kind()), query.id());
    }

    @QueryHandler
    @SuppressWarnings("rawtypes")   // Axon matches a handler by its declared class: Page<...> is no Page.class
    public Page handle(ReferenceList query) {
        return views.list(query);
    }
}
