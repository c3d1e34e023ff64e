package io.psa.command.ticket;

import io.psa.api.message.MessageMetadata;
import io.psa.api.ticket.ChargeContent;
import io.psa.api.ticket.Hours;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.AttachmentContent;
import io.psa.api.ticket.Priority;
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
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;

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

    @AggregateIdentifier
    private String ticketId;
    private TicketStatus status;
    private String companyId;
    private String deviceId;
    private Instant openedAt;
    private final SlaClocks sla = new SlaClocks();
    private final OwnedItems<NoteContent> notes = new OwnedItems<>("note");
    private final OwnedItems<TimeEntryContent> timeEntries = new OwnedItems<>("time entry");
    private final OwnedItems<ChargeContent> charges = new OwnedItems<>("charge");
    private final OwnedItems<AttachmentContent> attachments = new OwnedItems<>("attachment");

    protected Ticket() {
        // for event sourcing
    }

    @CommandHandler
    public Ticket(OpenTicket command) {
        Priority priority = command.priority() != null ? command.priority() : Priority.DEFAULT;
        PRIORITY_1_TO_4.check(priority);
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

    /** Axon's clock (fixture tests set it), at the event store's millisecond precision. */
    private static Instant now() {
        return GenericEventMessage.clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @CommandHandler
    void handle(AddNote command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        adding(notes, command.noteId());
        apply(new NoteAdded(ticketId, command.noteId(), command.content(), actor));
        if (command.content().visibility() == Visibility.EXTERNAL) {
            meet(SlaClock.FIRST_RESPONSE, now());
        }
    }

    @CommandHandler
    void handle(EditNote command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        changing(notes, command.noteId(), actor);
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
        apply(new AttachmentAdded(ticketId, command.attachmentId(), command.content(), command.file(), actor));
    }

    @CommandHandler
    void handle(EditAttachment command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        changing(attachments, command.attachmentId(), actor);
        apply(new AttachmentEdited(ticketId, command.attachmentId(), command.content()));
    }

    @CommandHandler
    void handle(DeleteAttachment command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        changing(attachments, command.attachmentId(), actor);
        apply(new AttachmentDeleted(ticketId, command.attachmentId()));
    }

    private void adding(OwnedItems<?> items, String itemId) {
        COMPLETE_TICKET_IS_CLOSED.check(status);
        items.requireNew(itemId);
    }

    private void changing(OwnedItems<?> items, String itemId, String actor) {
        OwnedItems.Item<?> item = items.get(itemId);
        COMPLETE_TICKET_IS_CLOSED.check(status);
        OWN_ITEMS_ONLY.check(new ItemChange(item.author(), actor));
    }

    /** The entry with its defaults, once it passes every time rule; {@code replacedId} is the entry being edited. */
    private TimeEntryContent acceptableTimeEntry(TimeEntryContent requested, String replacedId) {
        TimeEntryContent entry = requested.withDefaultHoursToBill();
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
        deviceId = event.deviceId();
        status = TicketStatus.NEW;
        openedAt = at.truncatedTo(ChronoUnit.MILLIS);   // as stored: a cached and a reloaded ticket must agree
    }

    @EventSourcingHandler
    void on(SlaApplied event) {
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
    }

    @EventSourcingHandler
    void on(AttachmentEdited event) {
        attachments.replace(event.attachmentId(), event.content());
    }

    @EventSourcingHandler
    void on(AttachmentDeleted event) {
        attachments.remove(event.attachmentId());
    }
}
