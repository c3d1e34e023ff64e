package io.psa.query.reference;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.api.reference.ReferenceQueries.ReferenceItem;
import io.psa.api.reference.ReferenceQueries.ReferenceList;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.List;
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
    public List<JsonNode> handle(ReferenceList query) {
        return views.list(EntityViews.Kind.valueOf(query.kind()), query.companyId(), query.contractId(),
                query.contractServiceId());
    }
}
