package io.psa.query.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.psa.query.reference.EntityViews.Kind;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

import static io.psa.api.contract.ContractMessages.*;
import static io.psa.api.device.DeviceMessages.*;

/** Keeps the reference data documents; idempotent through each entity's last applied sequence number. */
@Component
@ProcessingGroup(ReferenceProjection.PROCESSING_GROUP)
public class ReferenceProjection {
    public static final String PROCESSING_GROUP = "reference-views";

    private final EntityViews views;

    public ReferenceProjection(EntityViews views) {
        this.views = views;
    }

    @EventHandler
    void on(CompanyCreated e, @SequenceNumber long sequence) {
        views.change(Kind.COMPANY, e.companyId(), sequence, doc -> merge(doc, e));
    }

    @EventHandler
    void on(CompanyRenamed e, @SequenceNumber long sequence) {
        views.change(Kind.COMPANY, e.companyId(), sequence, doc -> doc.put("name", e.name()));
    }

    @EventHandler
    void on(DefaultContractSet e, @SequenceNumber long sequence) {
        views.change(Kind.COMPANY, e.companyId(), sequence, doc -> doc.put("defaultContractId", e.contractId()));
    }

    @EventHandler
    void on(CompanyDeactivated e, @SequenceNumber long sequence) {
        deactivated(Kind.COMPANY, e.companyId(), sequence);
    }

    @EventHandler
    void on(SlaDefined e, @SequenceNumber long sequence) {
        views.change(Kind.SLA, e.slaId(), sequence, doc -> merge(doc, e.terms()));
    }

    @EventHandler
    void on(SlaTermsChanged e, @SequenceNumber long sequence) {
        views.change(Kind.SLA, e.slaId(), sequence, doc -> merge(doc, e.terms()));
    }

    @EventHandler
    void on(SlaDeactivated e, @SequenceNumber long sequence) {
        deactivated(Kind.SLA, e.slaId(), sequence);
    }

    @EventHandler
    void on(ContractCreated e, @SequenceNumber long sequence) {
        views.change(Kind.CONTRACT, e.contractId(), sequence, doc -> {
            merge(doc, e);
            doc.putArray("services");
        });
    }

    @EventHandler
    void on(ContractServiceAdded e, @SequenceNumber long sequence) {
        views.change(Kind.CONTRACT, e.contractId(), sequence, doc ->
                doc.withArray("services").add(views.toTree(e)));
    }

    @EventHandler
    void on(ContractDetailsChanged e, @SequenceNumber long sequence) {
        views.change(Kind.CONTRACT, e.contractId(), sequence, doc -> {
            doc.put("name", e.name());
            doc.put("slaId", e.slaId());
        });
    }

    /** The top-level terms are the latest agreed; each change is listed with the day it takes effect. */
    @EventHandler
    void on(ContractTermsChanged e, @SequenceNumber long sequence) {
        views.change(Kind.CONTRACT, e.contractId(), sequence, doc -> {
            ObjectNode change = views.toTree(e);
            change.remove("contractId");
            latest(doc, change);
            listed(doc.withArray("termChanges"), change);
        });
    }

    @EventHandler
    void on(ContractServiceChanged e, @SequenceNumber long sequence) {
        views.change(Kind.CONTRACT, e.contractId(), sequence, doc -> service(doc, e.serviceId()).ifPresent(service -> {
            ObjectNode change = views.toTree(e);
            change.remove(List.of("contractId", "serviceId"));
            latest(service, change);
            listed(service.withArray("changes"), change);
        }));
    }

    @EventHandler
    void on(ContractServiceEnded e, @SequenceNumber long sequence) {
        views.change(Kind.CONTRACT, e.contractId(), sequence, doc -> service(doc, e.serviceId())
                .ifPresent(service -> service.put("lastDay", e.lastDay().toString())));
    }

    /** The change's values as the latest, without its effective date. */
    private static void latest(ObjectNode document, ObjectNode change) {
        ObjectNode values = change.deepCopy();
        values.remove("effectiveFrom");
        document.setAll(values);
    }

    /** Adds the change to the list; one taking effect on the same day as the last replaces it. */
    private static void listed(ArrayNode changes, ObjectNode change) {
        if (!changes.isEmpty() && changes.get(changes.size() - 1).path("effectiveFrom")
                                         .equals(change.path("effectiveFrom"))) {
            changes.remove(changes.size() - 1);
        }
        changes.add(change);
    }

    private static Optional<ObjectNode> service(ObjectNode contract, String serviceId) {
        for (JsonNode service : contract.withArray("services")) {
            if (serviceId.equals(service.path("serviceId").asText())) {
                return Optional.of((ObjectNode) service);
            }
        }
        return Optional.empty();
    }

    @EventHandler
    void on(ResourceCreated e, @SequenceNumber long sequence) {
        views.change(Kind.RESOURCE, e.resourceId(), sequence, doc -> {
            merge(doc, e);
            doc.putArray("rateChanges");
        });
    }

    @EventHandler
    void on(ResourceRenamed e, @SequenceNumber long sequence) {
        views.change(Kind.RESOURCE, e.resourceId(), sequence, doc -> doc.put("name", e.name()));
    }

    @EventHandler
    void on(ResourceDeactivated e, @SequenceNumber long sequence) {
        deactivated(Kind.RESOURCE, e.resourceId(), sequence);
    }

    @EventHandler
    void on(ResourceRatesChanged e, @SequenceNumber long sequence) {
        views.change(Kind.RESOURCE, e.resourceId(), sequence, doc -> doc.withArray("rateChanges").add(views.toTree(e)));
    }

    @EventHandler
    void on(DeviceRegistered e, @SequenceNumber long sequence) {
        views.change(Kind.DEVICE, e.deviceId(), sequence, doc -> {
            merge(doc, e);
            doc.put("active", true);
            doc.putNull("contractId");
            doc.putNull("contractServiceId");
        });
    }

    @EventHandler
    void on(DeviceRenamed e, @SequenceNumber long sequence) {
        views.change(Kind.DEVICE, e.deviceId(), sequence, doc -> doc.put("name", e.name()));
    }

    @EventHandler
    void on(DeviceDeactivated e, @SequenceNumber long sequence) {
        deactivated(Kind.DEVICE, e.deviceId(), sequence);
    }

    @EventHandler
    void on(DeviceLinkedToContract e, @SequenceNumber long sequence) {
        views.change(Kind.DEVICE, e.deviceId(), sequence, doc -> merge(doc, e));
    }

    @EventHandler
    void on(DeviceUnlinked e, @SequenceNumber long sequence) {
        views.change(Kind.DEVICE, e.deviceId(), sequence, doc -> {
            doc.putNull("contractId");
            doc.putNull("contractServiceId");
        });
    }

    @ResetHandler
    void reset() {
        views.deleteAll();
    }

    /** A company, SLA, resource or device deactivated: {@code active} false in its view. */
    private void deactivated(Kind kind, String id, long sequence) {
        views.change(kind, id, sequence, doc -> doc.put("active", false));
    }

    /** Copies the event's fields into the document. */
    private void merge(ObjectNode document, Object event) {
        document.setAll(views.toTree(event));
    }
}
