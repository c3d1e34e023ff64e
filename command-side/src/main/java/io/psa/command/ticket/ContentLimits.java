package io.psa.command.ticket;

import io.psa.api.outsourcing.OutsourcingTerms;
import io.psa.api.rule.Limits;
import io.psa.api.rule.Limits.Text;
import io.psa.api.ticket.AttachmentContent;
import io.psa.api.ticket.ChargeContent;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.StoredFile;
import io.psa.api.ticket.TimeEntryContent;

import static io.psa.api.rule.Limits.*;

/**
 * The bounds of what a ticket records (see {@link Limits}), checked for what people send and, above all, for what
 * partner instances send, which passed no REST edge of ours: a value outside them could not be written by every
 * projection or read back from the store.
 */
final class ContentLimits {
    private ContentLimits() {
    }

    static void check(String title, String description) {
        texts(new Text("title", title, TITLE_LENGTH), new Text("description", description, DESCRIPTION_LENGTH));
    }

    static void checkQueue(String queue) {
        texts(new Text("queue", queue, QUEUE_LENGTH));
    }

    static void check(NoteContent note) {
        texts(new Text("title", note.title(), TITLE_LENGTH), new Text("text", note.text(), NOTE_TEXT_LENGTH));
    }

    static void check(TimeEntryContent entry) {
        texts(new Text("resourceId", entry.resourceId(), ID_LENGTH),
                new Text("summary", entry.summary(), SUMMARY_LENGTH));
        DATE_IN_RANGE.check(entry.workDate());
    }

    static void check(ChargeContent charge) {
        texts(new Text("description", charge.description(), CHARGE_DESCRIPTION_LENGTH));
        DATE_IN_RANGE.check(charge.date());
        QUANTITY_IN_RANGE.check(charge.quantity());
        AMOUNT_IN_RANGE.check(charge.unitCost().amount());
        AMOUNT_IN_RANGE.check(charge.unitPrice().amount());
    }

    static void check(AttachmentContent attachment) {
        texts(new Text("title", attachment.title(), TITLE_LENGTH));
    }

    static void check(StoredFile file) {
        texts(new Text("fileName", file.fileName(), FILE_NAME_LENGTH),
                new Text("contentType", file.contentType(), TITLE_LENGTH));
    }

    static void check(OutsourcingTerms terms) {
        if (terms != null) {
            texts(new Text("terms.description", terms.description(), SUMMARY_LENGTH));
            if (terms.hourlyRate() != null) {
                AMOUNT_IN_RANGE.check(terms.hourlyRate().amount());
            }
        }
    }

    static void checkReason(String reason) {
        texts(new Text("reason", reason, SUMMARY_LENGTH));
    }

    private static void texts(Text... texts) {
        for (Text text : texts) {
            TEXT_WITHIN_LIMIT.check(text);
        }
    }
}
