package io.psa.command.ticket;

import io.psa.api.message.MessageMetadata;
import io.psa.api.ticket.ChargeContent;
import io.psa.api.ticket.Hours;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.AttachmentContent;
import io.psa.api.ticket.Money;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.StoredFile;
import io.psa.api.rule.UnknownItem;
import io.psa.api.outsourcing.ForwardedTicket;
import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.api.outsourcing.OutsourcingStatus;
import io.psa.api.outsourcing.OutsourcingTransition;
import io.psa.api.outsourcing.PartnerAuthor;
import io.psa.api.outsourcing.SyncFact;
import io.psa.platform.Now;
import io.psa.platform.axon.AuditMetadata;
import io.psa.api.ticket.TicketStatus;
import io.psa.api.ticket.TimeEntryContent;
import io.psa.api.contract.SlaClock;
import io.psa.api.contract.SlaTarget;
import io.psa.api.contract.SlaTerms;
import io.psa.command.contract.ReferenceData;
import io.psa.api.ticket.Visibility;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.psa.api.ticket.TicketCommands.*;
import static io.psa.api.ticket.TicketEvents.*;
import static io.psa.command.ticket.TicketPolicies.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A service ticket and everything logged on it. Command handlers check the rules of {@link TicketPolicies}, then
 * apply events; event sourcing handlers only change state.
 */
@Aggregate(cache = TicketConfiguration.TICKET_CACHE)
public class Ticket {
    static final String SLA_DEADLINE = "sla-target";
    /** The last time zone to start a day: a work date is "in advance" only once it has begun nowhere. */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    static final String ACCEPT_BY_DEADLINE = "outsourcing-accept-by";

    @AggregateIdentifier
    private String ticketId;
    private TicketStatus status;
    private String title;
    private String description;
    private Priority priority;
    private OutsourcingLink outsourcing;
    private String companyId;
    private String deviceId;
    private Instant openedAt;
    private final SlaClocks sla = new SlaClocks();
    private final OwnedItems<NoteContent> notes = new OwnedItems<>("note");
    private final OwnedItems<TimeEntryContent> timeEntries = new OwnedItems<>("time entry");
    private final OwnedItems<ChargeContent> charges = new OwnedItems<>("charge");
    private final OwnedItems<AttachmentContent> attachments = new OwnedItems<>("attachment");
    private final Map<String, StoredFile> files = new HashMap<>();
    private final Set<String> forwards = new HashSet<>();
    /** Partner time entries of earlier outsourcings: never charged again by a later one. */
    private final Set<String> earlierPartnerWork = new HashSet<>();
    /** Whether the subcontractor's fee for the running acceptance is charged (once per acceptance). */
    private boolean feeCharged;

    protected Ticket() {
        // for event sourcing
    }

    @CommandHandler
    public Ticket(OpenTicket command) {
        Priority priority = command.priority() != null ? command.priority() : Priority.DEFAULT;
        PRIORITY_1_TO_4.check(priority);
        ContentLimits.check(command.title(), command.description());
        apply(new TicketOpened(command.ticketId(), command.companyId(), command.title(), command.description(),
                priority, command.deviceId(), command.contractId(), command.contractServiceId()));
    }

    @CommandHandler
    void handle(ChangeTicketStatus command, DeadlineManager deadlines) {
        StatusChange change = new StatusChange(status, command.status());
        STATUS_MUST_CHANGE.check(change);
        REOPEN_TO_NEW_OR_IN_PROGRESS.check(change);
        TicketStatus from = status;
        apply(new TicketStatusChanged(ticketId, from, command.status()));
        clockConsequences(from, command.status(), deadlines);
        if (command.status() == TicketStatus.COMPLETE) {
            outsourcingEndsWithTicket();
        }
    }

    /**
     * Completing the ticket completes a running outsourcing (the lead's) or reports the work done (the partner's);
     * one not yet accepted is canceled.
     */
    private void outsourcingEndsWithTicket() {
        if (outsourcing == null) {
            return;
        }
        List<OutsourcingTransition> endings = outsourcing.side() == OutsourcingSide.LEAD
                ? List.of(OutsourcingTransition.COMPLETE, OutsourcingTransition.CANCEL)
                : List.of(OutsourcingTransition.REPORT_DONE);
        endings.stream().filter(ending -> ending.startsFrom(outsourcing.status())).findFirst()
               .ifPresent(ending -> move(ending, "the ticket was completed", false));
    }

    /**
     * Leaving NEW is the first response; WAITING_CUSTOMER stops the clocks and leaving it starts them again with
     * the SLA time they had left; COMPLETE meets the resolution (and a plan never given).
     */
    private void clockConsequences(TicketStatus from, TicketStatus to, DeadlineManager deadlines) {
        Instant now = now();
        if (from == TicketStatus.NEW) {
            meet(SlaClock.FIRST_RESPONSE, now);
        }
        if (to == TicketStatus.WAITING_CUSTOMER && !sla.runningClocks().isEmpty()) {
            apply(new SlaClocksPaused(ticketId, now));
        } else if (from == TicketStatus.WAITING_CUSTOMER && sla.isPaused()) {
            Map<SlaClock, Instant> due = sla.dueAfterPause(now);
            apply(new SlaClocksResumed(ticketId, now, due));
            schedule(due, deadlines);
        }
        if (to == TicketStatus.COMPLETE) {
            meet(SlaClock.RESOLUTION_PLAN, now);
            meet(SlaClock.RESOLVED, now);
        }
    }

    @CommandHandler
    void handle(ApplySla command, DeadlineManager deadlines) {
        applySla(command.sla(), command.severity(), deadlines);
    }

    private void applySla(SlaTerms sla, String severity, DeadlineManager deadlines) {
        Priority priority = sla.priorityFor(severity);
        SlaTarget target = sla.targetFor(priority);
        Map<SlaClock, Instant> due = new EnumMap<>(SlaClock.class);
        for (SlaClock clock : SlaClock.values()) {
            due.put(clock, sla.hours().plus(openedAt, target.of(clock)));
        }
        apply(new SlaApplied(ticketId, sla.slaId(), sla.name(), sla.hours(), priority, target, due));
        schedule(due, deadlines);
    }

    /** Fires at a target's due time; a target met, paused or moved later in the meantime is left alone. */
    @DeadlineHandler(deadlineName = SLA_DEADLINE)
    void onDueTime(SlaClock clock) {
        Instant now = now();
        if (sla.isOverdue(clock, now)) {
            apply(new SlaTargetMissed(ticketId, clock, sla.due(clock)));
        }
    }

    @CommandHandler
    void handle(ProvideResolutionPlan command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        COMPLETE_TICKET_IS_CLOSED.check(status);
        apply(new ResolutionPlanProvided(ticketId, command.plan(), actor));
        meet(SlaClock.RESOLUTION_PLAN, now());
    }

    @CommandHandler
    void handle(AttachAlert command) {
        apply(new AlertAttached(ticketId, deviceId, command.alert()));
    }

    /**
     * A person's choice of contract, of the ticket's company and, if a service is named, one of that contract's;
     * the new contract's SLA, if it has one, is applied from the ticket's opening.
     */
    @CommandHandler
    void handle(ChangeTicketContract command, ReferenceData referenceData, DeadlineManager deadlines) {
        if (command.contractId() == null) {
            apply(new TicketContractChanged(ticketId, null, null));
            return;
        }
        ReferenceData.ContractFacts contract = referenceData.requireContract(command.contractId());
        TicketOpening.SAME_COMPANY.check(new TicketOpening.Match(companyId, contract.companyId(), "contract"));
        SERVICE_OF_THE_CONTRACT.check(new ServiceChoice(contract, command.contractServiceId()));
        apply(new TicketContractChanged(ticketId, command.contractId(), command.contractServiceId()));
        if (contract.slaId() != null) {
            referenceData.sla(contract.slaId()).ifPresent(sla -> applySla(sla, null, deadlines));
        }
    }

    private void meet(SlaClock clock, Instant at) {
        if (sla.isRunning(clock)) {
            apply(new SlaTargetMet(ticketId, clock, at));
        }
    }

    private static void schedule(Map<SlaClock, Instant> due, DeadlineManager deadlines) {
        due.forEach((clock, at) -> deadlines.schedule(at, SLA_DEADLINE, clock));
    }

    /** The clock (fixture tests set it), at the event store's millisecond precision. */
    private static Instant now() {
        return Now.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @CommandHandler
    void handle(AddNote command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        adding(notes, command.noteId());
        ContentLimits.check(command.content());
        apply(new NoteAdded(ticketId, command.noteId(), command.content(), actor));
        if (command.content().visibility() == Visibility.EXTERNAL) {
            meet(SlaClock.FIRST_RESPONSE, now());
        }
    }

    @CommandHandler
    void handle(EditNote command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        changing(notes, command.noteId(), actor);
        ContentLimits.check(command.content());
        apply(new NoteEdited(ticketId, command.noteId(), command.content()));
    }

    @CommandHandler
    void handle(DeleteNote command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        changing(notes, command.noteId(), actor);
        apply(new NoteDeleted(ticketId, command.noteId()));
    }

    @CommandHandler
    void handle(LogTime command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        adding(timeEntries, command.timeEntryId());
        TimeEntryContent entry = acceptableTimeEntry(command.content(), null);
        apply(new TimeLogged(ticketId, command.timeEntryId(), entry, actor));
    }

    @CommandHandler
    void handle(EditTimeEntry command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        changing(timeEntries, command.timeEntryId(), actor);
        TimeEntryContent entry = acceptableTimeEntry(command.content(), command.timeEntryId());
        apply(new TimeEntryEdited(ticketId, command.timeEntryId(), entry));
    }

    @CommandHandler
    void handle(DeleteTimeEntry command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        changing(timeEntries, command.timeEntryId(), actor);
        apply(new TimeEntryDeleted(ticketId, command.timeEntryId()));
    }

    @CommandHandler
    void handle(AddCharge command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        adding(charges, command.chargeId());
        checkCharge(command.content());
        apply(new ChargeAdded(ticketId, command.chargeId(), command.content(), actor));
    }

    @CommandHandler
    void handle(EditCharge command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        changing(charges, command.chargeId(), actor);
        checkCharge(command.content());
        apply(new ChargeEdited(ticketId, command.chargeId(), command.content()));
    }

    @CommandHandler
    void handle(DeleteCharge command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        changing(charges, command.chargeId(), actor);
        apply(new ChargeDeleted(ticketId, command.chargeId()));
    }

    @CommandHandler
    void handle(AddAttachment command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        adding(attachments, command.attachmentId());
        ContentLimits.check(command.content());
        ContentLimits.check(command.file());
        apply(new AttachmentAdded(ticketId, command.attachmentId(), command.content(), command.file(), actor));
    }

    @CommandHandler
    void handle(EditAttachment command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        changing(attachments, command.attachmentId(), actor);
        ContentLimits.check(command.content());
        apply(new AttachmentEdited(ticketId, command.attachmentId(), command.content()));
    }

    @CommandHandler
    void handle(DeleteAttachment command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        changing(attachments, command.attachmentId(), actor);
        apply(new AttachmentDeleted(ticketId, command.attachmentId()));
    }

    @CommandHandler
    void handle(OutsourceTicket command) {
        COMPLETE_TICKET_IS_CLOSED.check(status);
        OutsourcingPolicies.INSOURCED_IS_NOT_OUTSOURCED.check(outsourcing);
        OutsourcingPolicies.NOT_OUTSOURCED_ALREADY.check(outsourcing);
        apply(new TicketOutsourced(ticketId, command.agreementId(), command.partyName(), command.terms(),
                command.acceptBy()));
        systemNote("Outsourcing to " + command.partyName() + " prepared (UNSENT).");
    }

    /**
     * Forwards the ticket to a service network or vendor: FORWARDED, nothing comes back and nothing is watched; the
     * ticket can be forwarded again, and the lead completes it. Only EXTERNAL items leave the instance.
     */
    @CommandHandler
    void handle(ForwardTicket command) {
        COMPLETE_TICKET_IS_CLOSED.check(status);
        OutsourcingPolicies.INSOURCED_IS_NOT_OUTSOURCED.check(outsourcing);
        OutsourcingPolicies.NOT_OUTSOURCED_ALREADY.check(outsourcing);
        ContentLimits.check(command.terms());
        List<ForwardedTicket.Note> sentNotes = picked(notes, command.noteIds(), NoteContent::visibility)
                .map(note -> new ForwardedTicket.Note(note.id(), note.content())).toList();
        List<ForwardedTicket.Attachment> sentFiles = picked(attachments, command.attachmentIds(),
                AttachmentContent::visibility)
                .map(file -> new ForwardedTicket.Attachment(file.id(), file.content(), files.get(file.id()))).toList();
        apply(new TicketForwarded(ticketId, command.agreementId(), command.networkName(), command.forwardId(),
                new ForwardedTicket(title, description, priority, command.terms(), sentNotes, sentFiles),
                command.channels()));
        systemNote("Forwarded to " + command.networkName() + " (" + command.channels().stream()
                .map(channel -> channel.name().toLowerCase()).sorted().collect(Collectors.joining(" and "))
                + ") with " + sentNotes.size() + " notes and " + sentFiles.size() + " attachments.");
    }

    /** The EXTERNAL items named, or all EXTERNAL ones when none are named; naming an INTERNAL one is refused. */
    private static <C> Stream<OwnedItems.Item<C>> picked(OwnedItems<C> items, List<String> ids,
                                                        Function<C, Visibility> visibility) {
        if (ids == null) {
            return items.all().filter(item -> visibility.apply(item.content()) == Visibility.EXTERNAL);
        }
        List<OwnedItems.Item<C>> named = ids.stream().distinct().map(items::get).toList();
        named.forEach(item -> OutsourcingPolicies.EXTERNAL_ITEMS_ONLY.check(visibility.apply(item.content())));
        return named.stream();
    }

    /** The subcontractor's fee for accepting, charged to the lead as a non-billable cost, once per acceptance. */
    @CommandHandler
    void handle(ChargeSubcontractorFee command) {
        OutsourcingPolicies.OF_THIS_AGREEMENT.check(new OutsourcingPolicies.AgreementMatch(outsourcing,
                command.agreementId()));
        OutsourcingPolicies.FEE_ONCE_PER_ACCEPTANCE.check(new OutsourcingPolicies.FeeCharge(outsourcing.status(),
                feeCharged));
        String chargeId = UUID.randomUUID().toString();
        apply(new ChargeAdded(ticketId, chargeId, new ChargeContent(Now.dateUtc(),
                "Subcontractor fee: " + command.subcontractorName(), BigDecimal.ONE, command.fee(), Money.ZERO, false),
                AuditMetadata.SYSTEM_ACTOR));
        apply(new SubcontractorFeeCharged(ticketId, command.agreementId(), command.subcontractorName(), chargeId,
                command.fee()));
    }

    @CommandHandler
    void handle(RecordForwardDelivery command) {
        if (!forwards.contains(command.forwardId())) {
            throw new UnknownItem("forward", command.forwardId());
        }
        apply(new ForwardDeliveryRecorded(ticketId, command.forwardId(), command.channel(), command.result(),
                command.attempt(), command.reason()));
    }

    @CommandHandler
    void handle(InsourceTicket command) {
        OutsourcingPolicies.NOT_OUTSOURCED_ALREADY.check(outsourcing);
        ContentLimits.check(command.terms());
        apply(new TicketInsourced(ticketId, command.agreementId(), command.leadName(), command.leadTicketId(),
                command.terms(), command.acceptBy()));
        systemNote("Insourced from " + command.leadName() + " (lead ticket " + command.leadTicketId()
                   + "): ASSIGNED, waiting for acceptance" + (command.acceptBy() != null ? " by " + command.acceptBy()
                                                                                        : "") + ".");
    }

    @CommandHandler
    void handle(MoveOutsourcing command, DeadlineManager deadlines) {
        OutsourcingPolicies.OUTSOURCED.check(outsourcing);
        OutsourcingPolicies.Move move = new OutsourcingPolicies.Move(outsourcing, command.transition());
        OutsourcingPolicies.MADE_BY_ITS_SIDE.check(move);
        OutsourcingPolicies.FROM_ITS_STATUS.check(move);
        if (command.transition() == OutsourcingTransition.ACCEPT) {
            OutsourcingPolicies.ACCEPTED_IN_TIME.check(new OutsourcingPolicies.Acceptance(outsourcing.acceptBy(), now()));
        }
        move(command.transition(), command.reason(), false);
        if (command.transition() == OutsourcingTransition.SEND && outsourcing.acceptBy() != null) {
            deadlines.schedule(outsourcing.acceptBy(), ACCEPT_BY_DEADLINE, outsourcing.acceptBy());
        }
    }

    /** A SEND whose accept-by time passed without an answer expires; a later send has its own deadline. */
    @DeadlineHandler(deadlineName = ACCEPT_BY_DEADLINE)
    void onAcceptByPassed(Instant acceptBy) {
        if (outsourcing != null && outsourcing.status() == OutsourcingStatus.ASSIGNED
            && acceptBy.equals(outsourcing.acceptBy())) {
            move(OutsourcingTransition.EXPIRE, "not accepted by " + acceptBy, false);
        }
    }

    /**
     * The other side's fact: its status move (with what it means for this ticket), or one of its items shared or
     * withdrawn. Partner items keep the partner's author, so only further facts from the partner change them.
     */
    @CommandHandler
    void handle(ApplyPartnerFact command) {
        OutsourcingPolicies.OF_THIS_AGREEMENT.check(new OutsourcingPolicies.AgreementMatch(outsourcing,
                command.agreementId()));
        SyncFact fact = command.fact();
        if (fact.type() == SyncFact.Type.TRANSITION) {
            OutsourcingPolicies.Move move = new OutsourcingPolicies.Move(outsourcing, fact.transition());
            OutsourcingPolicies.MADE_BY_THE_OTHER_SIDE.check(move);
            OutsourcingPolicies.FROM_ITS_STATUS.check(move);
            if (fact.transition() == OutsourcingTransition.ACCEPT) {
                // when the other side accepted, not when its fact arrived (a partner's may arrive late by sync)
                OutsourcingPolicies.ACCEPTED_IN_TIME.check(new OutsourcingPolicies.Acceptance(outsourcing.acceptBy(),
                        fact.occurredAt() != null ? fact.occurredAt() : now()));
            }
            ContentLimits.checkReason(fact.reason());
            move(fact.transition(), fact.reason(), true);
            return;
        }
        OutsourcingPolicies.SYNCS_WHILE_LINKED.check(outsourcing);
        if (fact.type() == SyncFact.Type.ITEM_SHARED) {
            withinLimits(fact);
        }
        String author = PartnerAuthor.of(command.agreementId(), fact.author());
        switch (fact.kind()) {
            case NOTE -> syncItem(notes, fact, author,
                    () -> new NoteAdded(ticketId, fact.itemId(), internal(fact.note()), author),
                    () -> new NoteEdited(ticketId, fact.itemId(), internal(fact.note())),
                    () -> new NoteDeleted(ticketId, fact.itemId()));
            case TIME_ENTRY -> syncItem(timeEntries, fact, author,
                    () -> new TimeLogged(ticketId, fact.itemId(), fact.timeEntry(), author),
                    () -> new TimeEntryEdited(ticketId, fact.itemId(), fact.timeEntry()),
                    () -> new TimeEntryDeleted(ticketId, fact.itemId()));
            case CHARGE -> syncItem(charges, fact, author,
                    () -> new ChargeAdded(ticketId, fact.itemId(), fact.charge(), author),
                    () -> new ChargeEdited(ticketId, fact.itemId(), fact.charge()),
                    () -> new ChargeDeleted(ticketId, fact.itemId()));
            case ATTACHMENT -> syncItem(attachments, fact, author,
                    () -> new AttachmentAdded(ticketId, fact.itemId(), internal(fact.attachment()), fact.file(), author),
                    () -> new AttachmentEdited(ticketId, fact.itemId(), internal(fact.attachment())),
                    () -> new AttachmentDeleted(ticketId, fact.itemId()));
        }
    }

    /** The partner's item passed no edge of ours: its content must lie within the limits of an item made here. */
    private static void withinLimits(SyncFact fact) {
        switch (fact.kind()) {
            case NOTE -> ContentLimits.check(fact.note());
            case TIME_ENTRY -> ContentLimits.check(fact.timeEntry());
            case CHARGE -> ContentLimits.check(fact.charge());
            case ATTACHMENT -> {
                ContentLimits.check(fact.attachment());
                ContentLimits.check(fact.file());
            }
        }
    }

    /** Adds, replaces or removes the partner's item; an item of this side under the same id is never touched. */
    private void syncItem(OwnedItems<?> items, SyncFact fact, String author, Supplier<Object> added,
                          Supplier<Object> edited, Supplier<Object> deleted) {
        boolean present = items.contains(fact.itemId());
        if (present) {
            OWN_ITEMS_ONLY.check(new ItemChange(items.get(fact.itemId()).author(), author, false));
        }
        if (fact.type() == SyncFact.Type.ITEM_WITHDRAWN) {
            if (present) {
                apply(deleted.get());
            }
        } else {
            apply(present ? edited.get() : added.get());
        }
    }

    /** What arrives from the other side is for this side's people only: never shown to the end customer. */
    private static NoteContent internal(NoteContent note) {
        return new NoteContent(note.title(), note.text(), Visibility.INTERNAL);
    }

    private static AttachmentContent internal(AttachmentContent attachment) {
        return new AttachmentContent(attachment.title(), Visibility.INTERNAL);
    }

    /** Records the move with a note saying what happened, and what it means for the ticket on this side. */
    private void move(OutsourcingTransition transition, String reason, boolean remote) {
        SyncFact.Handover handover = transition == OutsourcingTransition.SEND
                ? new SyncFact.Handover(title, description, priority, outsourcing.terms(), outsourcing.acceptBy())
                : null;
        OutsourcingStatus from = outsourcing.status();
        apply(new OutsourcingStatusChanged(ticketId, outsourcing.agreementId(), outsourcing.side(), transition, from,
                transition.to(), reason, remote, handover));
        systemNote("Outsourcing " + (outsourcing.side() == OutsourcingSide.LEAD ? "to " : "from ")
                   + outsourcing.partyName() + ": " + from + " -> " + transition.to() + ", " + transition.meaning()
                   + (reason != null ? " (" + reason + ")" : "") + ".");
        if (outsourcing.side() == OutsourcingSide.LEAD && transition.to() == OutsourcingStatus.COMPLETE) {
            chargePartnerWork();
        }
        if (remote && outsourcing.side() == OutsourcingSide.PARTNER) {
            followTheLead(transition);
        }
    }

    /** On the partner: the lead's completion closes the copy; a rejection opens it again. */
    private void followTheLead(OutsourcingTransition transition) {
        TicketStatus wanted = transition.to() == OutsourcingStatus.COMPLETE ? TicketStatus.COMPLETE
                : transition == OutsourcingTransition.REJECT && status == TicketStatus.COMPLETE
                ? TicketStatus.IN_PROGRESS : null;
        if (wanted != null && wanted != status) {
            apply(new TicketStatusChanged(ticketId, status, wanted));
        }
    }

    /** The partner's hours become one non-billable charge at the agreed rate: the lead's outsourcing cost. */
    /** The work of this outsourcing's party, logged since it began, at the agreed rate. */
    private void chargePartnerWork() {
        String party = PartnerAuthor.of(outsourcing.agreementId(), "");
        List<TimeEntryContent> partnerWork = timeEntries.all()
                .filter(item -> item.author().startsWith(party) && !earlierPartnerWork.contains(item.id()))
                .map(OwnedItems.Item::content).toList();
        Hours worked = partnerWork.stream().map(TimeEntryContent::hoursWorked).reduce(Hours.ZERO, Hours::plus);
        Hours toBill = partnerWork.stream().map(TimeEntryContent::hoursToBill).reduce(Hours.ZERO, Hours::plus);
        Money rate = outsourcing.terms() != null && outsourcing.terms().hourlyRate() != null
                ? outsourcing.terms().hourlyRate() : Money.ZERO;
        if (worked.isPositive()) {
            apply(new ChargeAdded(ticketId, UUID.randomUUID().toString(), new ChargeContent(Now.dateUtc(),
                    "Outsourced work by " + outsourcing.partyName() + ": " + worked.value().toPlainString() + " h",
                    worked.value(), rate, Money.ZERO, false), AuditMetadata.SYSTEM_ACTOR));
        }
        systemNote("Outsourcing summary: " + outsourcing.partyName() + " logged " + partnerWork.size()
                   + " time entries, " + worked.value().toPlainString() + " h worked, " + toBill.value().toPlainString()
                   + " h to bill; charged here as one non-billable charge at " + rate.shown() + " per hour.");
    }

    private void systemNote(String text) {
        apply(new NoteAdded(ticketId, UUID.randomUUID().toString(), new NoteContent("Outsourcing", text,
                Visibility.INTERNAL), AuditMetadata.SYSTEM_ACTOR));
    }

    private void adding(OwnedItems<?> items, String itemId) {
        COMPLETE_TICKET_IS_CLOSED.check(status);
        items.requireNew(itemId);
    }

    private void changing(OwnedItems<?> items, String itemId, String actor) {
        OwnedItems.Item<?> item = items.get(itemId);
        COMPLETE_TICKET_IS_CLOSED.check(status);
        OWN_ITEMS_ONLY.check(new ItemChange(item.author(), actor, partnerItemsReleased()));
    }

    /** Once a lead's outsourcing is complete, the partner's items are the lead's to correct. */
    private boolean partnerItemsReleased() {
        return outsourcing != null && outsourcing.side() == OutsourcingSide.LEAD
               && outsourcing.status() == OutsourcingStatus.COMPLETE;
    }

    /** The entry with its defaults, once it passes every time rule; {@code replacedId} is the entry being edited. */
    private TimeEntryContent acceptableTimeEntry(TimeEntryContent requested, String replacedId) {
        TimeEntryContent entry = requested.withDefaultHoursToBill();
        ContentLimits.check(entry);
        HOURS_WORKED_POSITIVE_WITHIN_A_DAY.check(entry);
        HOURS_TO_BILL_WITHIN_A_DAY.check(entry);
        NON_BILLABLE_BILLS_NO_HOURS.check(entry);
        NO_TIME_LOGGED_IN_ADVANCE.check(new WorkDay(entry.workDate(), latestToday()));
        Hours sameDay = timeEntries.others(replacedId)
                                   .filter(other -> other.resourceId().equals(entry.resourceId())
                                                    && other.workDate().equals(entry.workDate()))
                                   .map(TimeEntryContent::hoursWorked)
                                   .reduce(entry.hoursWorked(), Hours::plus);
        AT_MOST_24_HOURS_A_DAY.check(new DayTotal(entry.resourceId(), entry.workDate(), sameDay));
        return entry;
    }

    private static void checkCharge(ChargeContent charge) {
        ContentLimits.check(charge);
        CHARGE_QUANTITY_POSITIVE.check(charge);
        CHARGE_AMOUNTS_NOT_NEGATIVE.check(charge);
    }

    private static LocalDate latestToday() {
        return LocalDate.ofInstant(now(), EARLIEST_ZONE);
    }

    @EventSourcingHandler
    void on(TicketOpened event, @Timestamp Instant at) {
        ticketId = event.ticketId();
        companyId = event.companyId();
        title = event.title();
        description = event.description();
        priority = event.priority();
        deviceId = event.deviceId();
        status = TicketStatus.NEW;
        openedAt = at.truncatedTo(ChronoUnit.MILLIS);   // as stored: a cached and a reloaded ticket must agree
    }

    @EventSourcingHandler
    void on(TicketOutsourced event) {
        timeEntries.all().filter(item -> PartnerAuthor.isPartner(item.author()))
                   .forEach(item -> earlierPartnerWork.add(item.id()));
        outsourcing = new OutsourcingLink(event.agreementId(), OutsourcingSide.LEAD, event.partyName(),
                event.terms(), event.acceptBy(), OutsourcingStatus.UNSENT);
    }

    @EventSourcingHandler
    void on(SubcontractorFeeCharged event) {
        feeCharged = true;
    }

    @EventSourcingHandler
    void on(TicketForwarded event) {
        outsourcing = new OutsourcingLink(event.agreementId(), OutsourcingSide.LEAD, event.networkName(),
                event.forwarded().terms(), null, OutsourcingStatus.FORWARDED);
        forwards.add(event.forwardId());
    }

    @EventSourcingHandler
    void on(TicketInsourced event) {
        outsourcing = new OutsourcingLink(event.agreementId(), OutsourcingSide.PARTNER, event.leadName(),
                event.terms(), event.acceptBy(), OutsourcingStatus.ASSIGNED);
    }

    @EventSourcingHandler
    void on(OutsourcingStatusChanged event) {
        outsourcing = outsourcing.moved(event.to());
        if (event.to() == OutsourcingStatus.ASSIGNED) {
            feeCharged = false;
        }
    }

    @EventSourcingHandler
    void on(SlaApplied event) {
        priority = event.priority();
        sla.applied(event.hours(), event.due());
    }

    @EventSourcingHandler
    void on(SlaTargetMet event) {
        sla.ended(event.clock());
    }

    @EventSourcingHandler
    void on(SlaTargetMissed event) {
        sla.ended(event.clock());
    }

    @EventSourcingHandler
    void on(SlaClocksPaused event) {
        sla.paused(event.at());
    }

    @EventSourcingHandler
    void on(SlaClocksResumed event) {
        sla.resumed(event.due());
    }

    @EventSourcingHandler
    void on(TicketStatusChanged event) {
        status = event.to();
    }

    @EventSourcingHandler
    void on(NoteAdded event) {
        notes.add(event.noteId(), event.author(), event.content());
    }

    @EventSourcingHandler
    void on(NoteEdited event) {
        notes.replace(event.noteId(), event.content());
    }

    @EventSourcingHandler
    void on(NoteDeleted event) {
        notes.remove(event.noteId());
    }

    @EventSourcingHandler
    void on(TimeLogged event) {
        timeEntries.add(event.timeEntryId(), event.author(), event.content());
    }

    @EventSourcingHandler
    void on(TimeEntryEdited event) {
        timeEntries.replace(event.timeEntryId(), event.content());
    }

    @EventSourcingHandler
    void on(TimeEntryDeleted event) {
        timeEntries.remove(event.timeEntryId());
    }

    @EventSourcingHandler
    void on(ChargeAdded event) {
        charges.add(event.chargeId(), event.author(), event.content());
    }

    @EventSourcingHandler
    void on(ChargeEdited event) {
        charges.replace(event.chargeId(), event.content());
    }

    @EventSourcingHandler
    void on(ChargeDeleted event) {
        charges.remove(event.chargeId());
    }

    @EventSourcingHandler
    void on(AttachmentAdded event) {
        attachments.add(event.attachmentId(), event.author(), event.content());
        files.put(event.attachmentId(), event.file());
    }

    @EventSourcingHandler
    void on(AttachmentEdited event) {
        attachments.replace(event.attachmentId(), event.content());
    }

    @EventSourcingHandler
    void on(AttachmentDeleted event) {
        attachments.remove(event.attachmentId());
        files.remove(event.attachmentId());
    }
}
