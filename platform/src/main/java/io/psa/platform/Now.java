package io.psa.platform;

import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The one clock of the system: Axon's, which stamps every event and which fixture tests set. Everything that reads
 * the time of day reads it here, so that an event's time and the times around it agree. (Timeouts measure elapsed
 * time with {@link System#nanoTime()} instead.)
 */
public final class Now {
    private Now() {
    }

    public static Instant instant() {
        return GenericEventMessage.clock.instant();
    }

    /** Today in UTC. */
    public static LocalDate dateUtc() {
        return LocalDate.ofInstant(instant(), ZoneOffset.UTC);
    }
}
