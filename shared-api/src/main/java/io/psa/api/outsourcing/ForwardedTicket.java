package io.psa.api.outsourcing;

import io.psa.api.ticket.AttachmentContent;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.StoredFile;

import java.util.List;

/** What a ticket forwarded to a service network or vendor carries: the ticket and the EXTERNAL items picked. */
public record ForwardedTicket(String title, String description, Priority priority, OutsourcingTerms terms,
                              List<Note> notes, List<Attachment> attachments) {

    public record Note(String noteId, NoteContent content) {
    }

    public record Attachment(String attachmentId, AttachmentContent content, StoredFile file) {
    }
}
