package io.psa.api.message;

/**
 * Keys of the metadata every command and event carries, so an auditor can tell who did what,
 * as part of which request, on which instance.
 */
public final class MessageMetadata {
    public static final String ACTOR = "actor";
    public static final String CORRELATION_ID = "correlationId";
    public static final String ORIGIN = "origin";

    private MessageMetadata() {
    }
}
