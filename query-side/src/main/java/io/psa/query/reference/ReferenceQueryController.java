package io.psa.query.reference;

import io.psa.api.query.Page;
import com.fasterxml.jackson.databind.JsonNode;
import io.psa.api.reference.ReferenceQueries.ReferenceHistory;
import io.psa.api.reference.ReferenceQueries.ReferenceItem;
import io.psa.api.reference.ReferenceQueries.ReferenceList;
import io.psa.api.rule.UnknownItem;
import io.psa.api.ticket.TicketQueries.TicketList;
import io.psa.platform.axon.rebuild.ServedFrom;
import io.psa.platform.web.Paging;
import jakarta.validation.Valid;
import io.psa.query.reference.EntityViews.Kind;
import io.psa.query.reference.ReferenceViews.CompanyView;
import io.psa.query.reference.ReferenceViews.SlaView;
import io.psa.query.reference.ReferenceViews.ContractDetailView;
import io.psa.query.reference.ReferenceViews.ContractView;
import io.psa.query.reference.ReferenceViews.DeviceView;
import io.psa.query.reference.ReferenceViews.ResourceView;
import io.psa.query.ticket.TicketHistoryReader;
import io.psa.query.ticket.TicketProjection;
import io.psa.query.ticket.TicketViews;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Reads of companies, SLAs, contracts (with their devices and tickets), resources and devices. */
@RestController
@ServedFrom(ReferenceProjection.PROCESSING_GROUP)
@Tag(name = "Reference data queries")
public class ReferenceQueryController {
    private static final int CONTRACT_ITEMS_SHOWN = 500;

    private final QueryGateway queries;
    private final EntityViews views;

    public ReferenceQueryController(QueryGateway queries, EntityViews views) {
        this.queries = queries;
        this.views = views;
    }

    @GetMapping("/api/companies")
    public Page<CompanyView> companies(@Valid Paging paging) {
        return list(Kind.COMPANY, null, null, null, paging, CompanyView.class);
    }

    @GetMapping("/api/companies/{id}")
    public CompanyView company(@PathVariable String id) {
        return item(Kind.COMPANY, id, CompanyView.class);
    }

    @GetMapping("/api/slas")
    public Page<SlaView> slas(@Valid Paging paging) {
        return list(Kind.SLA, null, null, null, paging, SlaView.class);
    }

    @GetMapping("/api/slas/{id}")
    public SlaView sla(@PathVariable String id) {
        return item(Kind.SLA, id, SlaView.class);
    }

    @GetMapping("/api/contracts")
    public Page<ContractView> contracts(@RequestParam(required = false) String companyId, @Valid Paging paging) {
        return list(Kind.CONTRACT, companyId, null, null, paging, ContractView.class);
    }

    /**
     * The contract with its services, the devices linked to it (the first 500 by name; {@code deviceCount} all of
     * them) and its tickets (the newest 500).
     */
    @GetMapping("/api/contracts/{id}")
    @ServedFrom({ReferenceProjection.PROCESSING_GROUP, TicketProjection.PROCESSING_GROUP})
    @SuppressWarnings("unchecked")
    public ContractDetailView contract(@PathVariable String id) {
        ContractView contract = item(Kind.CONTRACT, id, ContractView.class);
        Page<DeviceView> devices = list(Kind.DEVICE, null, id, null, new Paging(0, CONTRACT_ITEMS_SHOWN, "name"),
                DeviceView.class);
        return new ContractDetailView(contract, devices.items(), devices.totalItems(),
                ((Page<TicketViews.TicketSummary>) queries.query(TicketList.of(null, id, 0, CONTRACT_ITEMS_SHOWN),
                        Page.class).join()).items());
    }

    @GetMapping("/api/resources")
    public Page<ResourceView> resources(@Valid Paging paging) {
        return list(Kind.RESOURCE, null, null, null, paging, ResourceView.class);
    }

    @GetMapping("/api/resources/{id}")
    public ResourceView resource(@PathVariable String id) {
        return item(Kind.RESOURCE, id, ResourceView.class);
    }

    @GetMapping("/api/devices")
    public Page<DeviceView> devices(@RequestParam(required = false) String companyId,
                                    @RequestParam(required = false) String contractId,
                                    @RequestParam(required = false) String contractServiceId, @Valid Paging paging) {
        return list(Kind.DEVICE, companyId, contractId, contractServiceId, paging, DeviceView.class);
    }

    @GetMapping("/api/devices/{id}")
    public DeviceView device(@PathVariable String id) {
        return item(Kind.DEVICE, id, DeviceView.class);
    }

    @GetMapping("/api/companies/{id}/history")
    public List<TicketHistoryReader.HistoryEntry> companyHistory(@PathVariable String id) {
        return history(Kind.COMPANY, id);
    }

    @GetMapping("/api/slas/{id}/history")
    public List<TicketHistoryReader.HistoryEntry> slaHistory(@PathVariable String id) {
        return history(Kind.SLA, id);
    }

    /** Every change with its actor and the day it takes effect. */
    @GetMapping("/api/contracts/{id}/history")
    public List<TicketHistoryReader.HistoryEntry> contractHistory(@PathVariable String id) {
        return history(Kind.CONTRACT, id);
    }

    @GetMapping("/api/resources/{id}/history")
    public List<TicketHistoryReader.HistoryEntry> resourceHistory(@PathVariable String id) {
        return history(Kind.RESOURCE, id);
    }

    @GetMapping("/api/devices/{id}/history")
    public List<TicketHistoryReader.HistoryEntry> deviceHistory(@PathVariable String id) {
        return history(Kind.DEVICE, id);
    }

    /** From the event store, not the read model. */
    private List<TicketHistoryReader.HistoryEntry> history(Kind kind, String id) {
        List<TicketHistoryReader.HistoryEntry> history = queries.query(new ReferenceHistory(kind.name(), id),
                ResponseTypes.multipleInstancesOf(TicketHistoryReader.HistoryEntry.class)).join();
        if (history.isEmpty()) {
            throw new UnknownItem(kind.name().toLowerCase(), id);
        }
        return history;
    }

    private <T> T item(Kind kind, String id, Class<T> view) {
        return queries.query(new ReferenceItem(kind.name(), id), ResponseTypes.optionalInstanceOf(JsonNode.class))
                      .join().map(document -> views.as(document, view))
                      .orElseThrow(() -> new UnknownItem(kind.name().toLowerCase(), id));
    }

    @SuppressWarnings("unchecked")
    private <T> Page<T> list(Kind kind, String companyId, String contractId, String serviceId, Paging paging,
                             Class<T> view) {
        Page<JsonNode> page = queries.query(new ReferenceList(kind.name(), companyId, contractId, serviceId,
                paging.descending(), paging.page(), paging.size()), Page.class).join();
        return new Page<>(page.items().stream().map(document -> views.as(document, view)).toList(), page.page(),
                page.size(), page.totalItems());
    }
}
