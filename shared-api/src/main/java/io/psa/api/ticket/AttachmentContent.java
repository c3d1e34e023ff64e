package io.psa.api.ticket;

/** What may be edited of an attachment; the file itself never changes, a new file is a new attachment. */
public record AttachmentContent(String title, Visibility visibility) {
}
