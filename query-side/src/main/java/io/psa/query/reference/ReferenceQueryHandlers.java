package io.psa.query.reference;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.api.query.Page;
import io.psa.api.reference.ReferenceQueries.ReferenceItem;
import io.psa.api.reference.ReferenceQueries.ReferenceList;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
public class ReferenceQueryHandlers {
    private final EntityViews views;

    public ReferenceQueryHandlers(EntityViews views) {
        this.views = views;
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
