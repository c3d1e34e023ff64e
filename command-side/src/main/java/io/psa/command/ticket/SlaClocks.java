package io.psa.command.ticket;

import io.psa.api.contract.SlaClock;
import io.psa.api.contract.SlaHours;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The ticket's running SLA targets and when each falls due; a paused ticket's clocks stand still. */
final class SlaClocks {
    private SlaHours hours;
    private final Map<SlaClock, Instant> running = new EnumMap<>(SlaClock.class);
    private Instant pausedAt;

    boolean isRunning(SlaClock clock) {
        return running.containsKey(clock);
    }

    Set<SlaClock> runningClocks() {
        return Set.copyOf(running.keySet());
    }

    Instant due(SlaClock clock) {
        return running.get(clock);
    }

    boolean isPaused() {
        return pausedAt != null;
    }

    /** Whether {@code clock} is running, not paused and past its due time at {@code now}. */
    boolean isOverdue(SlaClock clock, Instant now) {
        return isRunning(clock) && !isPaused() && !now.isBefore(running.get(clock));
    }

    /** The due times after a pause ending {@code now}: each target keeps the SLA time it had left when paused. */
    Map<SlaClock, Instant> dueAfterPause(Instant now) {
        Map<SlaClock, Instant> due = new EnumMap<>(SlaClock.class);
        running.forEach((clock, was) -> due.put(clock, hours.plus(now, hours.between(pausedAt, was))));
        return due;
    }

    void applied(SlaHours slaHours, Map<SlaClock, Instant> due) {
        hours = slaHours;
        running.clear();
        running.putAll(due);
        pausedAt = null;
    }

    void ended(SlaClock clock) {
        running.remove(clock);
    }

    void paused(Instant at) {
        pausedAt = at;
    }

    void resumed(Map<SlaClock, Instant> due) {
        pausedAt = null;
        running.clear();
        running.putAll(due);
    }
}
