package io.psa.api.ticket;

/** A file kept in the content store, addressed by the SHA-256 of its bytes (lower-case hex). */
public record StoredFile(String fileName, String contentType, long size, String sha256) {
}
