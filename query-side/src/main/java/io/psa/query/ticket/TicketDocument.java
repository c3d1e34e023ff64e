package io.psa.query.ticket;

import io.psa.api.ticket.AttachmentContent;
import io.psa.api.ticket.ChargeContent;
import io.psa.api.ticket.Hours;
import io.psa.api.ticket.Money;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.StoredFile;
import io.psa.api.ticket.TicketStatus;
import io.psa.api.ticket.TimeEntryContent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.psa.api.ticket.TicketEvents.*;

/**
 * A ticket as people read it, built by folding its events. The projection keeps one per ticket; the auditor's
 * {@code asOf} view folds the same events up to a moment, so both always agree.
 */
public class TicketDocument {
    /** An item with who made it and when it was made and last changed. */
    public record Entry<C>(String id, String author, Instant createdAt, Instant updatedAt, C content) {
        Entry<C> changed(C newContent, Instant at) {
            return new Entry<>(id, author, createdAt, at, newContent);
        }
    }

    public record Attachment(AttachmentContent details, StoredFile file) {
    }

    /** Sums over the current (not deleted) entries. */
    public record Totals(Hours hoursWorked, Hours hoursToBill, Money chargesCost, Money chargesPrice) {
    }

    public String ticketId;
    public String companyId;
    public String title;
    public String description;
    public TicketStatus status;
    public Priority priority;
    public String deviceId;
    public String contractId;
    public String contractServiceId;
    public String openedBy;
    public Instant openedAt;
    public Instant updatedAt;
    public List<Entry<NoteContent>> notes = new ArrayList<>();
    public List<Entry<TimeEntryContent>> timeEntries = new ArrayList<>();
    public List<Entry<ChargeContent>> charges = new ArrayList<>();
    public List<Entry<Attachment>> attachments = new ArrayList<>();

    public Totals getTotals() {
        Hours worked = Hours.ZERO;
        Hours toBill = Hours.ZERO;
        for (Entry<TimeEntryContent> entry : timeEntries) {
            worked = worked.plus(entry.content().hoursWorked());
            toBill = toBill.plus(entry.content().hoursToBill());
        }
        Money cost = Money.ZERO;
        Money price = Money.ZERO;
        for (Entry<ChargeContent> entry : charges) {
            cost = cost.plus(entry.content().unitCost().times(entry.content().quantity()));
            price = price.plus(entry.content().unitPrice().times(entry.content().quantity()));
        }
        return new Totals(worked, toBill, cost, price);
    }

    /** Applies one event that happened at {@code at}, caused by {@code actor}. */
    public TicketDocument apply(TicketEvent event, Instant at, String actor) {
        updatedAt = at;
        if (event instanceof TicketOpened e) {
            ticketId = e.ticketId();
            companyId = e.companyId();
            title = e.title();
            description = e.description();
            priority = e.priority();
            deviceId = e.deviceId();
            contractId = e.contractId();
            contractServiceId = e.contractServiceId();
            status = TicketStatus.NEW;
            openedBy = actor;
            openedAt = at;
        } else if (event instanceof TicketStatusChanged e) {
            status = e.to();
        } else if (event instanceof NoteAdded e) {
            notes.add(new Entry<>(e.noteId(), e.author(), at, at, e.content()));
        } else if (event instanceof NoteEdited e) {
            change(notes, e.noteId(), entry -> entry.changed(e.content(), at));
        } else if (event instanceof NoteDeleted e) {
            notes.removeIf(entry -> entry.id().equals(e.noteId()));
        } else if (event instanceof TimeLogged e) {
            timeEntries.add(new Entry<>(e.timeEntryId(), e.author(), at, at, e.content()));
        } else if (event instanceof TimeEntryEdited e) {
            change(timeEntries, e.timeEntryId(), entry -> entry.changed(e.content(), at));
        } else if (event instanceof TimeEntryDeleted e) {
            timeEntries.removeIf(entry -> entry.id().equals(e.timeEntryId()));
        } else if (event instanceof ChargeAdded e) {
            charges.add(new Entry<>(e.chargeId(), e.author(), at, at, e.content()));
        } else if (event instanceof ChargeEdited e) {
            change(charges, e.chargeId(), entry -> entry.changed(e.content(), at));
        } else if (event instanceof ChargeDeleted e) {
            charges.removeIf(entry -> entry.id().equals(e.chargeId()));
        } else if (event instanceof AttachmentAdded e) {
            attachments.add(new Entry<>(e.attachmentId(), e.author(), at, at, new Attachment(e.content(), e.file())));
        } else if (event instanceof AttachmentEdited e) {
            change(attachments, e.attachmentId(),
                    entry -> entry.changed(new Attachment(e.content(), entry.content().file()), at));
        } else if (event instanceof AttachmentDeleted e) {
            attachments.removeIf(entry -> entry.id().equals(e.attachmentId()));
        }
        return this;
    }

    private static <C> void change(List<Entry<C>> entries, String id, UnaryOperator<Entry<C>> change) {
        entries.replaceAll(entry -> entry.id().equals(id) ? change.apply(entry) : entry);
    }
}
