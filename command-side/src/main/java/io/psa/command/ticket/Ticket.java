package io.psa.command.ticket;

import io.psa.api.message.MessageMetadata;
import io.psa.api.ticket.ChargeContent;
import io.psa.api.ticket.Hours;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.AttachmentContent;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.TicketStatus;
import io.psa.api.ticket.TimeEntryContent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.time.ZoneOffset;

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
    /** The last time zone to start a day: a work date is "in advance" only once it has begun nowhere. */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    @AggregateIdentifier
    private String ticketId;
    private TicketStatus status;
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
    void handle(ChangeTicketStatus command) {
        StatusChange change = new StatusChange(status, command.status());
        STATUS_MUST_CHANGE.check(change);
        REOPEN_TO_NEW_OR_IN_PROGRESS.check(change);
        apply(new TicketStatusChanged(ticketId, status, command.status()));
    }

    @CommandHandler
    void handle(AddNote command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        adding(notes, command.noteId());
        apply(new NoteAdded(ticketId, command.noteId(), command.content(), actor));
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

    /** Axon's clock, so fixture tests can set the time. */
    private static LocalDate latestToday() {
        return LocalDate.ofInstant(GenericEventMessage.clock.instant(), EARLIEST_ZONE);
    }

    @EventSourcingHandler
    void on(TicketOpened event) {
        ticketId = event.ticketId();
        status = TicketStatus.NEW;
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
