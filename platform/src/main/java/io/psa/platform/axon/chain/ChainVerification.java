package io.psa.platform.axon.chain;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What recomputing one aggregate's hash chain from its stored events found: {@code VALID} with the hash of its last
 * event (an auditor can note it and compare later: an event removed from the end changes it), or {@code BROKEN} with
 * the first event that no longer matches.
 */
public record ChainVerification(String aggregateId, String aggregateType, Status status, long events,
                                String headHash, Mismatch firstMismatch) {

    @io.swagger.v3.oas.annotations.media.Schema(name = "ChainStatus")   // one name per enum in the document
    public enum Status { VALID, BROKEN }

    /** The first place the chain breaks; {@code eventIdentifier} is null when the event itself is gone. */
    public record Mismatch(long sequenceNumber, String eventIdentifier, String eventType, String problem) {
    }

    /** Recomputes one aggregate's chain, fed its stored events in sequence order. */
    static final class Check {
        private final String aggregateId;
        private String aggregateType;
        private long events;
        private long expectedSequence;
        private byte[] previous = ChainedEvent.GENESIS;
        private Mismatch mismatch;

        Check(String aggregateId) {
            this.aggregateId = aggregateId;
        }

        void accept(ChainedEvent event, byte[] recordedHash) {
            events++;
            aggregateType = event.aggregateType();
            if (mismatch != null) {
                return;
            }
            if (event.sequenceNumber() != expectedSequence) {
                mismatch = new Mismatch(Math.min(expectedSequence, event.sequenceNumber()), null, null,
                        "the event with sequence number " + expectedSequence + " is missing from the store");
            } else if (recordedHash == null) {
                mismatch = mismatch(event, "it has no recorded hash (stored behind the system's back, or its hash "
                                           + "was deleted)");
            } else {
                byte[] hash = event.hash(previous);
                if (!Arrays.equals(hash, recordedHash)) {
                    mismatch = mismatch(event, "its stored content (payload, metadata, type, revision, time or "
                                               + "identity) or its recorded hash was changed after it was stored");
                }
                previous = hash;
            }
            expectedSequence = event.sequenceNumber() + 1;
        }

        /** A hash is recorded for an event the store no longer holds (one removed from the end of the history). */
        void recordedWithoutEvent(long sequenceNumber) {
            if (mismatch == null) {
                mismatch = new Mismatch(sequenceNumber, null, null, "the event with sequence number "
                                        + sequenceNumber + " was removed from the store (its hash is still recorded)");
            }
        }

        String aggregateId() {
            return aggregateId;
        }

        ChainVerification result() {
            return new ChainVerification(aggregateId, aggregateType, mismatch == null ? Status.VALID : Status.BROKEN,
                    events, mismatch == null && events > 0 ? HexFormat.of().formatHex(previous) : null, mismatch);
        }

        private static Mismatch mismatch(ChainedEvent event, String problem) {
            return new Mismatch(event.sequenceNumber(), event.eventIdentifier(), event.payloadType(), problem);
        }
    }
}
