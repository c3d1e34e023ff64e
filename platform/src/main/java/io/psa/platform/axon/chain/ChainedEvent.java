package io.psa.platform.axon.chain;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * An event as the store holds it, the unit of the hash chain. Its hash covers every stored column that carries
 * meaning (aggregate, sequence, event id, time, aggregate type, payload type and revision, payload and metadata bytes)
 * and the hash of the aggregate's event before it, so editing, removing or reordering any event breaks the chain
 * from there on. The encoding is fixed (version 1): each field length-prefixed, so no two events encode alike.
 */
public record ChainedEvent(String aggregateId, long sequenceNumber, String eventIdentifier, Instant timestamp,
                           String aggregateType, String payloadType, String payloadRevision, byte[] payload,
                           byte[] metadata) {
    /** The "previous hash" of an aggregate's first event. */
    public static final byte[] GENESIS = new byte[32];
    private static final String ENCODING = "psa-event-chain-1";

    public byte[] hash(byte[] previous) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + payload.length
                                                                + (metadata == null ? 0 : metadata.length));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            text(out, ENCODING);
            text(out, aggregateId);
            out.writeLong(sequenceNumber);
            text(out, eventIdentifier);
            out.writeLong(timestamp.getEpochSecond());
            out.writeInt(timestamp.getNano());
            text(out, aggregateType);
            text(out, payloadType);
            text(out, payloadRevision);
            binary(out, payload);
            binary(out, metadata);
            binary(out, previous);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        binary(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** Null is length -1, so a missing value and an empty one hash differently. */
    private static void binary(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
            out.write(value);
        }
    }
}
