package io.psa.api.ticket;

import io.psa.api.contract.SlaTerms;
import io.psa.api.outsourcing.DeliveryResult;
import io.psa.api.outsourcing.ForwardChannel;
import io.psa.api.outsourcing.OutsourcingTerms;
import io.psa.api.outsourcing.OutsourcingTransition;
import io.psa.api.outsourcing.SyncFact;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Set;

/** The commands a ticket accepts. Ids are chosen by the caller (the REST side generates UUIDs). */
public final class TicketCommands {
    private TicketCommands() {
    }

    public record OpenTicket(@TargetAggregateIdentifier String ticketId, String companyId, String title,
                             String description, Priority priority, String deviceId, String contractId,
                             String contractServiceId) {
    }

    public record ChangeTicketStatus(@TargetAggregateIdentifier String ticketId, TicketStatus status) {
    }

    public record ChangeTicketDetails(@TargetAggregateIdentifier String ticketId, String title, String description) {
    }

    public record ChangeTicketPriority(@TargetAggregateIdentifier String ticketId, Priority priority) {
    }

    /** {@code resourceId} and {@code queue} null: nobody, no queue. */
    public record AssignTicket(@TargetAggregateIdentifier String ticketId, String resourceId, String queue) {
    }

    public record AddNote(@TargetAggregateIdentifier String ticketId, String noteId, NoteContent content) {
    }

    public record EditNote(@TargetAggregateIdentifier String ticketId, String noteId, NoteContent content) {
    }

    public record DeleteNote(@TargetAggregateIdentifier String ticketId, String noteId) {
    }

    public record LogTime(@TargetAggregateIdentifier String ticketId, String timeEntryId, TimeEntryContent content) {
    }

    public record EditTimeEntry(@TargetAggregateIdentifier String ticketId, String timeEntryId,
                                TimeEntryContent content) {
    }

    public record DeleteTimeEntry(@TargetAggregateIdentifier String ticketId, String timeEntryId) {
    }

    public record AddCharge(@TargetAggregateIdentifier String ticketId, String chargeId, ChargeContent content) {
    }

    public record EditCharge(@TargetAggregateIdentifier String ticketId, String chargeId, ChargeContent content) {
    }

    public record DeleteCharge(@TargetAggregateIdentifier String ticketId, String chargeId) {
    }

    public record AddAttachment(@TargetAggregateIdentifier String ticketId, String attachmentId,
                                AttachmentContent content, StoredFile file) {
    }

    public record EditAttachment(@TargetAggregateIdentifier String ticketId, String attachmentId,
                                 AttachmentContent content) {
    }

    public record DeleteAttachment(@TargetAggregateIdentifier String ticketId, String attachmentId) {
    }

    /** Applies an SLA: the priority follows the alert's severity (if any), else the SLA's default. */
    /** {@code priority}: the one a person chose at opening, which the SLA keeps; null: the SLA's, by severity. */
    public record ApplySla(@TargetAggregateIdentifier String ticketId, SlaTerms sla, String severity,
                           Priority priority) {
        public ApplySla(String ticketId, SlaTerms sla, String severity) {
            this(ticketId, sla, severity, null);
        }
    }

    public record AttachAlert(@TargetAggregateIdentifier String ticketId, AlertDetails alert) {
    }

    /** A person moves the ticket to another contract and service (or none). */
    public record ChangeTicketContract(@TargetAggregateIdentifier String ticketId, String contractId,
                                       String contractServiceId) {
    }

    public record ProvideResolutionPlan(@TargetAggregateIdentifier String ticketId, String plan) {
    }

    /** Sent by the ticket's own deadline when an SLA target's due time passes. */
    public record CheckSlaTarget(@TargetAggregateIdentifier String ticketId, io.psa.api.contract.SlaClock clock) {
    }

    /** The lead hands the ticket to the party of an active agreement (partner or subcontractor) (UNSENT until SEND). */
    public record OutsourceTicket(@TargetAggregateIdentifier String ticketId, String agreementId, String partyName,
                                  OutsourcingTerms terms, java.time.Instant acceptBy) {
    }

    /** A person on this side moves the outsourcing status; DECLINE and REJECT need a reason. */
    public record MoveOutsourcing(@TargetAggregateIdentifier String ticketId, OutsourcingTransition transition,
                                  String reason) {
    }

    /** On the partner: the freshly opened ticket becomes the copy of the lead's ticket. */
    public record InsourceTicket(@TargetAggregateIdentifier String ticketId, String agreementId, String leadName,
                                 String leadTicketId, OutsourcingTerms terms, java.time.Instant acceptBy) {
    }

    /**
     * The lead forwards the ticket to a service network or vendor: the EXTERNAL notes and attachments named (all of
     * them when null), over the channels the network has.
     */
    public record ForwardTicket(@TargetAggregateIdentifier String ticketId, String agreementId, String networkName,
                                String forwardId, OutsourcingTerms terms, List<String> noteIds,
                                List<String> attachmentIds,
                                Set<ForwardChannel> channels) {
    }

    /** The outbox reports how one try to deliver a forward on one channel ended. */
    public record RecordForwardDelivery(@TargetAggregateIdentifier String ticketId, String forwardId,
                                        ForwardChannel channel,
                                        DeliveryResult result, int attempt, String reason) {
    }

    /** A subcontractor accepted through the portal: the lead pays the agreement's fee, once per acceptance. */
    public record ChargeSubcontractorFee(@TargetAggregateIdentifier String ticketId, String agreementId,
                                         String subcontractorName, Money fee) {
    }

    /** A fact from the other side of the agreement: its status move, or one of its items shared or withdrawn. */
    public record ApplyPartnerFact(@TargetAggregateIdentifier String ticketId, String agreementId, SyncFact fact) {
    }
}
