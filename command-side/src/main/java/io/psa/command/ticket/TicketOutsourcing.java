package io.psa.command.ticket;

import io.psa.api.outsourcing.ForwardedTicket;
import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.api.outsourcing.OutsourcingStatus;
import io.psa.api.outsourcing.OutsourcingTransition;
import io.psa.api.outsourcing.PartnerAuthor;
import io.psa.api.outsourcing.SyncFact;
import io.psa.api.rule.UnknownItem;
import io.psa.api.ticket.ChargeContent;
import io.psa.api.ticket.Hours;
import io.psa.api.ticket.Money;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.TicketStatus;
import io.psa.api.ticket.TimeEntryContent;
import io.psa.api.ticket.Visibility;
import io.psa.platform.Now;
import io.psa.platform.axon.AuditMetadata;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.psa.api.ticket.TicketCommands.*;
import static io.psa.api.ticket.TicketEvents.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The ticket's outsourcing: its tie to the other side of an agreement (as lead or as partner), the forwards to
 * service networks, and the subcontractor's fee. A part of {@link Ticket}: it checks the rules of
 * {@link OutsourcingPolicies} and applies the outsourcing events, with a note on the ticket saying what happened;
 * its event sourcing handlers only change state.
 */
final class TicketOutsourcing {
    private OutsourcingLink link;
    private final Set<String> forwards = new HashSet<>();
    /** Whether the subcontractor's fee for the running acceptance is charged (once per acceptance). */
    private boolean feeCharged;

    /** What an outsourcing decision reads of the rest of its ticket. */
    record Context(String ticketId, String title, String description, Priority priority, TicketStatus status,
                   WorkItems work) {
    }

    void outsource(Context ticket, OutsourceTicket command) {
        OutsourcingPolicies.INSOURCED_IS_NOT_OUTSOURCED.check(link);
        OutsourcingPolicies.NOT_OUTSOURCED_ALREADY.check(link);
        apply(new TicketOutsourced(ticket.ticketId(), command.agreementId(), command.partyName(), command.terms(),
                command.acceptBy()));
        systemNote(ticket.ticketId(), "Outsourcing to " + command.partyName() + " prepared (UNSENT).");
    }

    /**
     * Forwards the ticket to a service network or vendor: FORWARDED, nothing comes back and nothing is watched; the
     * ticket can be forwarded again, and the lead completes it. Only EXTERNAL items leave the instance.
     */
    void forward(Context ticket, ForwardTicket command) {
        OutsourcingPolicies.INSOURCED_IS_NOT_OUTSOURCED.check(link);
        OutsourcingPolicies.NOT_OUTSOURCED_ALREADY.check(link);
        ContentLimits.check(command.terms());
        List<ForwardedTicket.Note> sentNotes = ticket.work().forwardedNotes(command.noteIds());
        List<ForwardedTicket.Attachment> sentFiles = ticket.work().forwardedAttachments(command.attachmentIds());
        apply(new TicketForwarded(ticket.ticketId(), command.agreementId(), command.networkName(), command.forwardId(),
                new ForwardedTicket(ticket.title(), ticket.description(), ticket.priority(), command.terms(), sentNotes,
                        sentFiles),
                command.channels()));
        systemNote(ticket.ticketId(), "Forwarded to " + command.networkName() + " (" + command.channels().stream()
                .map(channel -> channel.name().toLowerCase()).sorted().collect(Collectors.joining(" and "))
                + ") with " + sentNotes.size() + " notes and " + sentFiles.size() + " attachments.");
    }

    void recordDelivery(String ticketId, RecordForwardDelivery command) {
        if (!forwards.contains(command.forwardId())) {
            throw new UnknownItem("forward", command.forwardId());
        }
        apply(new ForwardDeliveryRecorded(ticketId, command.forwardId(), command.channel(), command.result(),
                command.attempt(), command.reason()));
    }

    /** The subcontractor's fee for accepting, charged to the lead as a non-billable cost, once per acceptance. */
    void chargeFee(String ticketId, ChargeSubcontractorFee command) {
        OutsourcingPolicies.OF_THIS_AGREEMENT.check(new OutsourcingPolicies.AgreementMatch(link, command.agreementId()));
        OutsourcingPolicies.FEE_ONCE_PER_ACCEPTANCE.check(new OutsourcingPolicies.FeeCharge(link.status(), feeCharged));
        String chargeId = UUID.randomUUID().toString();
        apply(new ChargeAdded(ticketId, chargeId, new ChargeContent(Now.dateUtc(),
                "Subcontractor fee: " + command.subcontractorName(), BigDecimal.ONE, command.fee(), Money.ZERO, false),
                AuditMetadata.SYSTEM_ACTOR));
        apply(new SubcontractorFeeCharged(ticketId, command.agreementId(), command.subcontractorName(), chargeId,
                command.fee()));
    }

    void insource(String ticketId, InsourceTicket command) {
        OutsourcingPolicies.NOT_OUTSOURCED_ALREADY.check(link);
        ContentLimits.check(command.terms());
        apply(new TicketInsourced(ticketId, command.agreementId(), command.leadName(), command.leadTicketId(),
                command.terms(), command.acceptBy()));
        systemNote(ticketId, "Insourced from " + command.leadName() + " (lead ticket " + command.leadTicketId()
                   + "): ASSIGNED, waiting for acceptance" + (command.acceptBy() != null ? " by " + command.acceptBy()
                                                                                        : "") + ".");
    }

    /** This side's move; a SEND with an accept-by time expires when that time passes without an answer. */
    void move(Context ticket, MoveOutsourcing command, DeadlineManager deadlines) {
        OutsourcingPolicies.OUTSOURCED.check(link);
        OutsourcingPolicies.Move move = new OutsourcingPolicies.Move(link, command.transition());
        OutsourcingPolicies.MADE_BY_ITS_SIDE.check(move);
        OutsourcingPolicies.FROM_ITS_STATUS.check(move);
        if (command.transition() == OutsourcingTransition.ACCEPT) {
            OutsourcingPolicies.ACCEPTED_IN_TIME.check(new OutsourcingPolicies.Acceptance(link.acceptBy(),
                    Ticket.now()));
        }
        recordMove(ticket, command.transition(), command.reason(), false);
        if (command.transition() == OutsourcingTransition.SEND && link.acceptBy() != null) {
            deadlines.schedule(link.acceptBy(), Ticket.ACCEPT_BY_DEADLINE, link.acceptBy());
        }
    }

    /** A SEND whose accept-by time passed without an answer expires; a later send has its own deadline. */
    void acceptByPassed(Context ticket, Instant acceptBy) {
        if (link != null && link.status() == OutsourcingStatus.ASSIGNED && acceptBy.equals(link.acceptBy())) {
            recordMove(ticket, OutsourcingTransition.EXPIRE, "not accepted by " + acceptBy, false);
        }
    }

    /**
     * Completing the ticket completes a running outsourcing (the lead's) or reports the work done (the partner's);
     * one not yet accepted is canceled.
     */
    void ticketCompleted(Context ticket) {
        if (link == null) {
            return;
        }
        List<OutsourcingTransition> endings = link.side() == OutsourcingSide.LEAD
                ? List.of(OutsourcingTransition.COMPLETE, OutsourcingTransition.CANCEL)
                : List.of(OutsourcingTransition.REPORT_DONE);
        endings.stream().filter(ending -> ending.startsFrom(link.status())).findFirst()
               .ifPresent(ending -> recordMove(ticket, ending, "the ticket was completed", false));
    }

    /**
     * The other side's fact: its status move (with what it means for this ticket), or one of its items shared or
     * withdrawn.
     */
    void applyPartnerFact(Context ticket, ApplyPartnerFact command) {
        OutsourcingPolicies.OF_THIS_AGREEMENT.check(new OutsourcingPolicies.AgreementMatch(link, command.agreementId()));
        SyncFact fact = command.fact();
        if (fact.type() == SyncFact.Type.TRANSITION) {
            OutsourcingPolicies.Move move = new OutsourcingPolicies.Move(link, fact.transition());
            OutsourcingPolicies.MADE_BY_THE_OTHER_SIDE.check(move);
            OutsourcingPolicies.FROM_ITS_STATUS.check(move);
            if (fact.transition() == OutsourcingTransition.ACCEPT) {
                // when the other side accepted, not when its fact arrived (a partner's may arrive late by sync)
                OutsourcingPolicies.ACCEPTED_IN_TIME.check(new OutsourcingPolicies.Acceptance(link.acceptBy(),
                        fact.occurredAt() != null ? fact.occurredAt() : Ticket.now()));
            }
            ContentLimits.checkReason(fact.reason());
            recordMove(ticket, fact.transition(), fact.reason(), true);
            return;
        }
        OutsourcingPolicies.SYNCS_WHILE_LINKED.check(link);
        ticket.work().applyPartnerItem(ticket.ticketId(), fact, PartnerAuthor.of(command.agreementId(), fact.author()));
    }

    /** A change of the lead's details reaches a partner's copy of this agreement while it syncs. */
    void checkLeadsDetails(ApplyPartnerFact command) {
        OutsourcingPolicies.OF_THIS_AGREEMENT.check(new OutsourcingPolicies.AgreementMatch(link, command.agreementId()));
        OutsourcingPolicies.DETAILS_FROM_THE_LEAD.check(link);
        OutsourcingPolicies.DETAILS_WHILE_LINKED.check(link);
    }

    /** Once a lead's outsourcing is complete, the partner's items are the lead's to correct. */
    boolean partnerItemsReleased() {
        return link != null && link.side() == OutsourcingSide.LEAD && link.status() == OutsourcingStatus.COMPLETE;
    }

    /** Records the move with a note saying what happened, and what it means for the ticket on this side. */
    private void recordMove(Context ticket, OutsourcingTransition transition, String reason, boolean remote) {
        SyncFact.Handover handover = transition == OutsourcingTransition.SEND
                ? new SyncFact.Handover(ticket.title(), ticket.description(), ticket.priority(), link.terms(),
                link.acceptBy())
                : null;
        OutsourcingStatus from = link.status();
        apply(new OutsourcingStatusChanged(ticket.ticketId(), link.agreementId(), link.side(), transition, from,
                transition.to(), reason, remote, handover));
        systemNote(ticket.ticketId(), "Outsourcing " + (link.side() == OutsourcingSide.LEAD ? "to " : "from ")
                   + link.partyName() + ": " + from + " -> " + transition.to() + ", " + transition.meaning()
                   + (reason != null ? " (" + reason + ")" : "") + ".");
        if (link.side() == OutsourcingSide.LEAD && transition.to() == OutsourcingStatus.COMPLETE) {
            chargePartnerWork(ticket);
        }
        if (remote && link.side() == OutsourcingSide.PARTNER) {
            followTheLead(ticket, transition);
        }
    }

    /** On the partner: the lead's completion closes the copy; a rejection opens it again. */
    private static void followTheLead(Context ticket, OutsourcingTransition transition) {
        TicketStatus status = ticket.status();
        TicketStatus wanted = transition.to() == OutsourcingStatus.COMPLETE ? TicketStatus.COMPLETE
                : transition == OutsourcingTransition.REJECT && status == TicketStatus.COMPLETE
                ? TicketStatus.IN_PROGRESS : null;
        if (wanted != null && wanted != status) {
            apply(new TicketStatusChanged(ticket.ticketId(), status, wanted));
        }
    }

    /**
     * The work of this outsourcing's party, logged since it began, as one non-billable charge at the agreed rate:
     * the lead's outsourcing cost.
     */
    private void chargePartnerWork(Context ticket) {
        List<TimeEntryContent> partnerWork = ticket.work().partnerWorkOf(link.agreementId());
        Hours worked = partnerWork.stream().map(TimeEntryContent::hoursWorked).reduce(Hours.ZERO, Hours::plus);
        Hours toBill = partnerWork.stream().map(TimeEntryContent::hoursToBill).reduce(Hours.ZERO, Hours::plus);
        Money rate = link.terms() != null && link.terms().hourlyRate() != null ? link.terms().hourlyRate() : Money.ZERO;
        if (worked.isPositive()) {
            apply(new ChargeAdded(ticket.ticketId(), UUID.randomUUID().toString(), new ChargeContent(Now.dateUtc(),
                    "Outsourced work by " + link.partyName() + ": " + worked.value().toPlainString() + " h",
                    worked.value(), rate, Money.ZERO, false), AuditMetadata.SYSTEM_ACTOR));
        }
        systemNote(ticket.ticketId(), "Outsourcing summary: " + link.partyName() + " logged " + partnerWork.size()
                   + " time entries, " + worked.value().toPlainString() + " h worked, " + toBill.value().toPlainString()
                   + " h to bill; charged here as one non-billable charge at " + rate.shown() + " per hour.");
    }

    private static void systemNote(String ticketId, String text) {
        apply(new NoteAdded(ticketId, UUID.randomUUID().toString(), new NoteContent("Outsourcing", text,
                Visibility.INTERNAL), AuditMetadata.SYSTEM_ACTOR));
    }

    @EventSourcingHandler
    void on(TicketOutsourced event) {
        link = new OutsourcingLink(event.agreementId(), OutsourcingSide.LEAD, event.partyName(), event.terms(),
                event.acceptBy(), OutsourcingStatus.UNSENT);
    }

    @EventSourcingHandler
    void on(SubcontractorFeeCharged event) {
        feeCharged = true;
    }

    @EventSourcingHandler
    void on(TicketForwarded event) {
        link = new OutsourcingLink(event.agreementId(), OutsourcingSide.LEAD, event.networkName(),
                event.forwarded().terms(), null, OutsourcingStatus.FORWARDED);
        forwards.add(event.forwardId());
    }

    @EventSourcingHandler
    void on(TicketInsourced event) {
        link = new OutsourcingLink(event.agreementId(), OutsourcingSide.PARTNER, event.leadName(), event.terms(),
                event.acceptBy(), OutsourcingStatus.ASSIGNED);
    }

    @EventSourcingHandler
    void on(OutsourcingStatusChanged event) {
        link = link.moved(event.to());
        if (event.to() == OutsourcingStatus.ASSIGNED) {
            feeCharged = false;
        }
    }
}
