package io.psa.api.ticket;

public record NoteContent(String title, String text, Visibility visibility) {
}
