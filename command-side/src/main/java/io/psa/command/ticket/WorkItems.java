package io.psa.command.ticket;

import io.psa.api.outsourcing.ForwardedTicket;
import io.psa.api.outsourcing.PartnerAuthor;
import io.psa.api.outsourcing.SyncFact;
import io.psa.api.ticket.AttachmentContent;
import io.psa.api.ticket.ChargeContent;
import io.psa.api.ticket.Hours;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.StoredFile;
import io.psa.api.ticket.TicketStatus;
import io.psa.api.ticket.TimeEntryContent;
import io.psa.api.ticket.Visibility;
import io.psa.command.contract.ReferenceData;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.psa.api.ticket.TicketCommands.*;
import static io.psa.api.ticket.TicketEvents.*;
import static io.psa.command.ticket.TicketPolicies.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The ticket's work items: notes, time entries, charges and attachments (with their files), each kept with the
 * author who alone may change it. A part of {@link Ticket}: it checks the item rules of a command and applies its
 * event; its event sourcing handlers only change state.
 */
final class WorkItems {
    /** The last time zone to start a day: a work date is "in advance" only once it has begun nowhere. */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    private final OwnedItems<NoteContent> notes = new OwnedItems<>("note");
    private final OwnedItems<TimeEntryContent> timeEntries = new OwnedItems<>("time entry");
    private final OwnedItems<ChargeContent> charges = new OwnedItems<>("charge");
    private final OwnedItems<AttachmentContent> attachments = new OwnedItems<>("attachment");
    private final Map<String, StoredFile> files = new HashMap<>();
    /** Partner time entries of earlier outsourcings: never charged again by a later one. */
    private final Set<String> earlierPartnerWork = new HashSet<>();

    /**
     * What the rest of the ticket says about changing its items: its status, and whether a completed outsourcing
     * released the partner's items to the lead.
     */
    record Editing(String ticketId, TicketStatus status, boolean partnerItemsReleased) {
    }

    void addNote(Editing ticket, AddNote command, String actor) {
        adding(ticket, notes, command.noteId());
        ContentLimits.check(command.content());
        apply(new NoteAdded(ticket.ticketId(), command.noteId(), command.content(), actor));
    }

    void editNote(Editing ticket, EditNote command, String actor) {
        changing(ticket, notes, command.noteId(), actor);
        ContentLimits.check(command.content());
        apply(new NoteEdited(ticket.ticketId(), command.noteId(), command.content()));
    }

    void deleteNote(Editing ticket, DeleteNote command, String actor) {
        changing(ticket, notes, command.noteId(), actor);
        apply(new NoteDeleted(ticket.ticketId(), command.noteId()));
    }

    /** {@code resources}: the standing of a resource by id (a partner's work comes as a fact, unchecked). */
    void logTime(Editing ticket, LogTime command, String actor,
                 Function<String, ReferenceData.ResourceStanding> resources) {
        adding(ticket, timeEntries, command.timeEntryId());
        TimeEntryContent entry = acceptableTimeEntry(command.content(), null);
        checkResource(new ResourceChoice(entry.resourceId(), resources.apply(entry.resourceId())));
        apply(new TimeLogged(ticket.ticketId(), command.timeEntryId(), entry, actor));
    }

    /**
     * The resource is checked only when it changes: an entry from before the rule, or of a resource deactivated
     * since, keeps its own.
     */
    void editTimeEntry(Editing ticket, EditTimeEntry command, String actor,
                       Function<String, ReferenceData.ResourceStanding> resources) {
        String before = changing(ticket, timeEntries, command.timeEntryId(), actor).content().resourceId();
        TimeEntryContent entry = acceptableTimeEntry(command.content(), command.timeEntryId());
        if (!entry.resourceId().equals(before)) {
            checkResource(new ResourceChoice(entry.resourceId(), resources.apply(entry.resourceId())));
        }
        apply(new TimeEntryEdited(ticket.ticketId(), command.timeEntryId(), entry));
    }

    void deleteTimeEntry(Editing ticket, DeleteTimeEntry command, String actor) {
        changing(ticket, timeEntries, command.timeEntryId(), actor);
        apply(new TimeEntryDeleted(ticket.ticketId(), command.timeEntryId()));
    }

    void addCharge(Editing ticket, AddCharge command, String actor) {
        adding(ticket, charges, command.chargeId());
        checkCharge(command.content());
        apply(new ChargeAdded(ticket.ticketId(), command.chargeId(), command.content(), actor));
    }

    void editCharge(Editing ticket, EditCharge command, String actor) {
        changing(ticket, charges, command.chargeId(), actor);
        checkCharge(command.content());
        apply(new ChargeEdited(ticket.ticketId(), command.chargeId(), command.content()));
    }

    void deleteCharge(Editing ticket, DeleteCharge command, String actor) {
        changing(ticket, charges, command.chargeId(), actor);
        apply(new ChargeDeleted(ticket.ticketId(), command.chargeId()));
    }

    void addAttachment(Editing ticket, AddAttachment command, String actor) {
        adding(ticket, attachments, command.attachmentId());
        ContentLimits.check(command.content());
        ContentLimits.check(command.file());
        apply(new AttachmentAdded(ticket.ticketId(), command.attachmentId(), command.content(), command.file(), actor));
    }

    void editAttachment(Editing ticket, EditAttachment command, String actor) {
        changing(ticket, attachments, command.attachmentId(), actor);
        ContentLimits.check(command.content());
        apply(new AttachmentEdited(ticket.ticketId(), command.attachmentId(), command.content()));
    }

    void deleteAttachment(Editing ticket, DeleteAttachment command, String actor) {
        changing(ticket, attachments, command.attachmentId(), actor);
        apply(new AttachmentDeleted(ticket.ticketId(), command.attachmentId()));
    }

    /**
     * The other side's item shared or withdrawn: added, replaced or removed. Partner items keep the partner's
     * author, so only further facts from the partner change them; an item of this side under the same id is never
     * touched.
     */
    void applyPartnerItem(String ticketId, SyncFact fact, String author) {
        if (fact.type() == SyncFact.Type.ITEM_SHARED) {
            withinLimits(fact);
        }
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

    /** The notes to forward: those named, or all EXTERNAL ones when none are named. */
    List<ForwardedTicket.Note> forwardedNotes(List<String> ids) {
        return picked(notes, ids, NoteContent::visibility)
                .map(note -> new ForwardedTicket.Note(note.id(), note.content())).toList();
    }

    /** The attachments to forward, with their files: those named, or all EXTERNAL ones when none are named. */
    List<ForwardedTicket.Attachment> forwardedAttachments(List<String> ids) {
        return picked(attachments, ids, AttachmentContent::visibility)
                .map(file -> new ForwardedTicket.Attachment(file.id(), file.content(), files.get(file.id()))).toList();
    }

    /** The time the party of {@code agreementId} logged since its current outsourcing began. */
    List<TimeEntryContent> partnerWorkOf(String agreementId) {
        String party = PartnerAuthor.of(agreementId, "");
        return timeEntries.all()
                          .filter(item -> item.author().startsWith(party) && !earlierPartnerWork.contains(item.id()))
                          .map(OwnedItems.Item::content).toList();
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

    private static void syncItem(OwnedItems<?> items, SyncFact fact, String author, Supplier<Object> added,
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

    private static void adding(Editing ticket, OwnedItems<?> items, String itemId) {
        COMPLETE_TICKET_IS_CLOSED.check(ticket.status());
        items.requireNew(itemId);
    }

    /** The item, once the actor may change it. */
    private static <C> OwnedItems.Item<C> changing(Editing ticket, OwnedItems<C> items, String itemId, String actor) {
        OwnedItems.Item<C> item = items.get(itemId);
        COMPLETE_TICKET_IS_CLOSED.check(ticket.status());
        OWN_ITEMS_ONLY.check(new ItemChange(item.author(), actor, ticket.partnerItemsReleased()));
        return item;
    }

    /** The entry with its defaults, once it passes every time rule; {@code replacedId} is the entry being edited. */
    private TimeEntryContent acceptableTimeEntry(TimeEntryContent requested, String replacedId) {
        TimeEntryContent entry = requested.withDefaultHoursToBill();
        ContentLimits.check(entry);
        HOURS_WORKED_POSITIVE_WITHIN_A_DAY.check(entry);
        HOURS_TO_BILL_WITHIN_A_DAY.check(entry);
        NON_BILLABLE_BILLS_NO_HOURS.check(entry);
        NO_TIME_LOGGED_IN_ADVANCE.check(new WorkDay(entry.workDate(), LocalDate.ofInstant(Ticket.now(), EARLIEST_ZONE)));
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

    @EventSourcingHandler
    void on(TicketOutsourced event) {
        timeEntries.all().filter(item -> PartnerAuthor.isPartner(item.author()))
                   .forEach(item -> earlierPartnerWork.add(item.id()));
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
