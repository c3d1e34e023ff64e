package io.psa.api.outsourcing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.psa.api.ticket.AttachmentContent;
import io.psa.api.ticket.ChargeContent;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.StoredFile;
import io.psa.api.ticket.TimeEntryContent;

import java.time.Instant;
import java.util.List;

/**
 * One shareable fact of a linked ticket in an agreement's feed. {@code factId} is the id of the event it came from:
 * the receiver applies each fact id once. Tickets are named by the lead's ticket id on both sides.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncFact(long position, String factId, Instant occurredAt, String leadTicketId, Type type,
                       Handover handover, OutsourcingTransition transition, String reason, ItemKind kind,
                       String itemId, String author, NoteContent note, TimeEntryContent timeEntry,
                       ChargeContent charge, AttachmentContent attachment, StoredFile file) {

    public enum Type { TRANSITION, ITEM_SHARED, ITEM_WITHDRAWN }

    public enum ItemKind { NOTE, TIME_ENTRY, CHARGE, ATTACHMENT }

    /** What the partner needs to open its copy (sent with every SEND). */
    public record Handover(String title, String description, Priority priority, OutsourcingTerms terms,
                           Instant acceptBy) {
    }

    /** A page of the feed and the feed's last position, for the reader's lag. */
    public record Page(List<SyncFact> facts, long head) {
    }

    /**
     * A fact the receiver could not read (its type is null): it is refused and counted like a fact the rules refuse,
     * so that the feed goes on.
     */
    public static SyncFact unreadable(long position, String factId) {
        return new SyncFact(position, factId, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** This item fact with the item's content (the one that fits its kind; the others null). */
    public SyncFact withContent(NoteContent newNote, TimeEntryContent newTimeEntry, ChargeContent newCharge,
                                AttachmentContent newAttachment, StoredFile newFile) {
        return new SyncFact(position, factId, occurredAt, leadTicketId, type, handover, transition, reason, kind,
                itemId, author, newNote, newTimeEntry, newCharge, newAttachment, newFile);
    }

    public SyncFact withFactId(String newFactId) {
        return new SyncFact(position, newFactId, occurredAt, leadTicketId, type, handover, transition, reason, kind,
                itemId, author, note, timeEntry, charge, attachment, file);
    }

    public SyncFact at(long newPosition) {
        return new SyncFact(newPosition, factId, occurredAt, leadTicketId, type, handover, transition, reason, kind,
                itemId, author, note, timeEntry, charge, attachment, file);
    }
}
