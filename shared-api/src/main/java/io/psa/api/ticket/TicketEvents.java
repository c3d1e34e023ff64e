package io.psa.api.ticket;

import io.psa.api.message.StoredAs;
import org.axonframework.serialization.Revision;
import io.psa.api.contract.SlaClock;
import io.psa.api.contract.SlaHours;
import io.psa.api.contract.SlaTarget;
import io.psa.api.outsourcing.DeliveryResult;
import io.psa.api.outsourcing.ForwardChannel;
import io.psa.api.outsourcing.ForwardedTicket;
import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.api.outsourcing.OutsourcingStatus;
import io.psa.api.outsourcing.OutsourcingTerms;
import io.psa.api.outsourcing.OutsourcingTransition;
import io.psa.api.outsourcing.SyncFact;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The facts a ticket records. Each item event names the item's author: only the author may change it later.
 * These are stored forever: add fields, never rename or remove them.
 */
public final class TicketEvents {
    private TicketEvents() {
    }

    /** Marks every event of a ticket's stream. */
    public sealed interface TicketEvent {
        String ticketId();
    }

    @StoredAs("ticket.TicketOpened")
    @Revision("1")
    public record TicketOpened(String ticketId, String companyId, String title, String description,
                               Priority priority, String deviceId, String contractId, String contractServiceId)
            implements TicketEvent {
    }

    @StoredAs("ticket.TicketStatusChanged")
    @Revision("1")
    public record TicketStatusChanged(String ticketId, TicketStatus from, TicketStatus to) implements TicketEvent {
    }

    /** A person changed the ticket's title and description. */
    @StoredAs("ticket.TicketDetailsChanged")
    @Revision("1")
    public record TicketDetailsChanged(String ticketId, String title, String description) implements TicketEvent {
    }

    /**
     * A person changed the ticket's priority; {@code target} is the SLA's target for the new priority (null without
     * an SLA) and {@code due} the new due time of each target still running.
     */
    @StoredAs("ticket.TicketPriorityChanged")
    @Revision("1")
    public record TicketPriorityChanged(String ticketId, Priority from, Priority to, SlaTarget target,
                                        Map<SlaClock, Instant> due) implements TicketEvent {
    }

    /** Who is responsible for the ticket and in which queue it waits; null for nobody, no queue. */
    @StoredAs("ticket.TicketAssigned")
    @Revision("1")
    public record TicketAssigned(String ticketId, String resourceId, String queue) implements TicketEvent {
    }

    @StoredAs("ticket.NoteAdded")
    @Revision("1")
    public record NoteAdded(String ticketId, String noteId, NoteContent content, String author)
            implements TicketEvent {
    }

    @StoredAs("ticket.NoteEdited")
    @Revision("1")
    public record NoteEdited(String ticketId, String noteId, NoteContent content) implements TicketEvent {
    }

    @StoredAs("ticket.NoteDeleted")
    @Revision("1")
    public record NoteDeleted(String ticketId, String noteId) implements TicketEvent {
    }

    @StoredAs("ticket.TimeLogged")
    @Revision("1")
    public record TimeLogged(String ticketId, String timeEntryId, TimeEntryContent content, String author)
            implements TicketEvent {
    }

    @StoredAs("ticket.TimeEntryEdited")
    @Revision("1")
    public record TimeEntryEdited(String ticketId, String timeEntryId, TimeEntryContent content)
            implements TicketEvent {
    }

    @StoredAs("ticket.TimeEntryDeleted")
    @Revision("1")
    public record TimeEntryDeleted(String ticketId, String timeEntryId) implements TicketEvent {
    }

    @StoredAs("ticket.ChargeAdded")
    @Revision("1")
    public record ChargeAdded(String ticketId, String chargeId, ChargeContent content, String author)
            implements TicketEvent {
    }

    @StoredAs("ticket.ChargeEdited")
    @Revision("1")
    public record ChargeEdited(String ticketId, String chargeId, ChargeContent content) implements TicketEvent {
    }

    @StoredAs("ticket.ChargeDeleted")
    @Revision("1")
    public record ChargeDeleted(String ticketId, String chargeId) implements TicketEvent {
    }

    @StoredAs("ticket.AttachmentAdded")
    @Revision("1")
    public record AttachmentAdded(String ticketId, String attachmentId, AttachmentContent content, StoredFile file,
                                  String author) implements TicketEvent {
    }

    @StoredAs("ticket.AttachmentEdited")
    @Revision("1")
    public record AttachmentEdited(String ticketId, String attachmentId, AttachmentContent content)
            implements TicketEvent {
    }

    @StoredAs("ticket.AttachmentDeleted")
    @Revision("1")
    public record AttachmentDeleted(String ticketId, String attachmentId) implements TicketEvent {
    }

    /** The SLA now governing the ticket: its priority, the target for it, and when each target falls due. */
    @StoredAs("ticket.SlaApplied")
    @Revision("1")
    public record SlaApplied(String ticketId, String slaId, String slaName, SlaHours hours, Priority priority,
                             SlaTarget target, Map<SlaClock, Instant> due) implements TicketEvent {
    }

    @StoredAs("ticket.SlaTargetMet")
    @Revision("1")
    public record SlaTargetMet(String ticketId, SlaClock clock, Instant at) implements TicketEvent {
    }

    @StoredAs("ticket.SlaTargetMissed")
    @Revision("1")
    public record SlaTargetMissed(String ticketId, SlaClock clock, Instant due) implements TicketEvent {
    }

    /** WAITING_CUSTOMER stops the clocks. */
    @StoredAs("ticket.SlaClocksPaused")
    @Revision("1")
    public record SlaClocksPaused(String ticketId, Instant at) implements TicketEvent {
    }

    /** The clocks run again; the unmet targets fall due later by the SLA time the pause took. */
    @StoredAs("ticket.SlaClocksResumed")
    @Revision("1")
    public record SlaClocksResumed(String ticketId, Instant at, Map<SlaClock, Instant> due) implements TicketEvent {
    }

    @StoredAs("ticket.AlertAttached")
    @Revision("1")
    public record AlertAttached(String ticketId, String deviceId, AlertDetails alert) implements TicketEvent {
    }

    @StoredAs("ticket.TicketContractChanged")
    @Revision("1")
    public record TicketContractChanged(String ticketId, String contractId, String contractServiceId)
            implements TicketEvent {
    }

    @StoredAs("ticket.ResolutionPlanProvided")
    @Revision("1")
    public record ResolutionPlanProvided(String ticketId, String plan, String author) implements TicketEvent {
    }

    /** The lead chose a partner and terms; nothing is sent yet (UNSENT). */
    @StoredAs("ticket.TicketOutsourced")
    @Revision("2")   // 1 named the party partnerName
    public record TicketOutsourced(String ticketId, String agreementId, String partyName, OutsourcingTerms terms,
                                   Instant acceptBy) implements TicketEvent {
    }

    /** Forwarded to a service network or vendor (FORWARDED): what was sent, to whom and over which channels. */
    @StoredAs("ticket.TicketForwarded")
    @Revision("1")
    public record TicketForwarded(String ticketId, String agreementId, String networkName, String forwardId,
                                  ForwardedTicket forwarded, Set<ForwardChannel> channels) implements TicketEvent {
    }

    /** One try to deliver a forward on one channel, and how it ended. */
    @StoredAs("ticket.ForwardDeliveryRecorded")
    @Revision("1")
    public record ForwardDeliveryRecorded(String ticketId, String forwardId, ForwardChannel channel,
                                          DeliveryResult result, int attempt, String reason) implements TicketEvent {
    }

    /** The subcontractor's fee for accepting this ticket, booked as the non-billable charge {@code chargeId}. */
    @StoredAs("ticket.SubcontractorFeeCharged")
    @Revision("1")
    public record SubcontractorFeeCharged(String ticketId, String agreementId, String subcontractorName,
                                          String chargeId, Money fee) implements TicketEvent {
    }

    /** On the partner: this ticket is its copy of the lead's ticket, ASSIGNED to it. */
    @StoredAs("ticket.TicketInsourced")
    @Revision("1")
    public record TicketInsourced(String ticketId, String agreementId, String leadName, String leadTicketId,
                                  OutsourcingTerms terms, Instant acceptBy) implements TicketEvent {
    }

    /**
     * The outsourcing status moved, by this side's people ({@code remote} false) or as the other side reported
     * ({@code remote} true). A SEND carries what the partner needs to open its copy.
     */
    @StoredAs("ticket.OutsourcingStatusChanged")
    @Revision("1")
    public record OutsourcingStatusChanged(String ticketId, String agreementId, OutsourcingSide side,
                                           OutsourcingTransition transition, OutsourcingStatus from,
                                           OutsourcingStatus to, String reason, boolean remote,
                                           SyncFact.Handover handover) implements TicketEvent {
    }
}
