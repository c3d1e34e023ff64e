package io.psa.api.outsourcing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.psa.api.rule.Limits;
import io.psa.api.ticket.AttachmentContent;
import io.psa.api.ticket.ChargeContent;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.StoredFile;
import io.psa.api.ticket.TimeEntryContent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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

    /** {@code DETAILS_CHANGED}: the lead's new title and description, or its new priority, in {@code handover}. */
    public enum Type { TRANSITION, ITEM_SHARED, ITEM_WITHDRAWN, DETAILS_CHANGED }

    public enum ItemKind { NOTE, TIME_ENTRY, CHARGE, ATTACHMENT }

    /**
     * What the partner needs to open its copy (sent with every SEND); in a {@code DETAILS_CHANGED} fact only the
     * title with the description, or only the priority.
     */
    public record Handover(String title, String description, Priority priority, OutsourcingTerms terms,
                           Instant acceptBy) {
    }

    /** A page of the feed and the feed's last position, for the reader's lag. */
    public record Page(List<SyncFact> facts, long head) {
    }

    /** The longest fact id a receiver records. */
    public static final int MAX_FACT_ID_LENGTH = 200;

    /**
     * A fact the receiver could not read (its type is null): it is refused and counted like a fact the rules refuse,
     * so that the feed goes on.
     */
    public static SyncFact unreadable(long position, String factId) {
        return new SyncFact(position, recordableId(factId), null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    /** The fact id as a receiver records it: as it is, or its SHA-256 when it is too long or not plain text. */
    public static String recordableId(String factId) {
        if (factId.length() <= MAX_FACT_ID_LENGTH && Limits.isPlainText(factId)) {
            return factId;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(factId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What makes this fact unusable for a receiver (it came from another instance, and passed no edge of the
     * receiver's): null when it has all a fact of its type and kind needs, within the receiver's id lengths.
     */
    @JsonIgnore
    public String problem() {
        if (type == null) {
            return "it could not be read (a value outside this instance's limits, or a format it does not know)";
        }
        if (!fits(factId, MAX_FACT_ID_LENGTH) || !fits(leadTicketId, Limits.ID_LENGTH)) {
            return "its fact id or ticket id is missing or too long";
        }
        if (type == Type.TRANSITION) {
            boolean handedOver = transition != OutsourcingTransition.SEND
                                 || handover != null && handover.title() != null && !handover.title().isBlank();
            return transition != null && handedOver ? null : "the move or the ticket it hands over is missing";
        }
        if (type == Type.DETAILS_CHANGED) {
            boolean details = handover != null && (handover.title() != null || handover.priority() != null)
                              && (handover.title() == null || !handover.title().isBlank());
            return details ? null : "the details it changes are missing, or its title is blank";
        }
        if (kind == null || !fits(itemId, Limits.ID_LENGTH) || author != null && author.length() > Limits.ID_LENGTH) {
            return "its item kind, item id or author is missing or too long";
        }
        return type == Type.ITEM_WITHDRAWN || contentComplete() ? null : "the " + kind + "'s content is incomplete";
    }

    private boolean contentComplete() {
        return switch (kind) {
            case NOTE -> note != null && note.title() != null && note.text() != null && note.visibility() != null;
            case TIME_ENTRY -> timeEntry != null && timeEntry.resourceId() != null && timeEntry.workDate() != null
                               && timeEntry.hoursWorked() != null;
            case CHARGE -> charge != null && charge.date() != null && charge.description() != null
                           && charge.quantity() != null && charge.unitCost() != null && charge.unitPrice() != null;
            case ATTACHMENT -> attachment != null && attachment.title() != null && attachment.visibility() != null
                               && file != null && file.sha256() != null && file.sha256().matches("[0-9a-f]{64}")
                               && file.size() >= 0;
        };
    }

    private static boolean fits(String id, int maxLength) {
        return id != null && !id.isBlank() && id.length() <= maxLength;
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
