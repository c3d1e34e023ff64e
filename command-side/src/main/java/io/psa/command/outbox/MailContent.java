package io.psa.command.outbox;

import java.util.List;

/** A mail as the outbox keeps it: its subject, its text and the stored files to attach. */
public record MailContent(String subject, String text, List<File> attachments) {
    public record File(String fileName, String contentType, String sha256) {
    }
}
