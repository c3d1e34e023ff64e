package io.psa.command.ticket;

import io.psa.api.contract.SlaClock;
import io.psa.api.contract.SlaHours;
import io.psa.api.contract.SlaTarget;
import io.psa.api.contract.SlaTerms;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.TicketStatus;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static io.psa.api.ticket.TicketEvents.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The ticket's SLA clocks: the running targets and when each falls due; a paused ticket's clocks stand still. A part
 * of {@link Ticket}: it applies the SLA events that a command, a status change or a due time brings, and schedules
 * the deadline of every due time; its event sourcing handlers only change state.
 */
final class SlaClocks {
    private String slaId;
    /** The SLA's target for the ticket's priority, from which the running due times were counted. */
    private SlaTarget target;
    private SlaHours hours;
    private final Map<SlaClock, Instant> running = new EnumMap<>(SlaClock.class);
    private Instant pausedAt;

    /** The SLA's targets for the ticket's {@code priority}, counted from the ticket's opening. */
    void start(String ticketId, SlaTerms sla, Priority priority, Instant openedAt, DeadlineManager deadlines) {
        SlaTarget target = sla.targetFor(priority);
        Map<SlaClock, Instant> due = new EnumMap<>(SlaClock.class);
        for (SlaClock clock : SlaClock.values()) {
            due.put(clock, sla.hours().plus(openedAt, target.of(clock)));
        }
        apply(new SlaApplied(ticketId, sla.slaId(), sla.name(), sla.hours(), priority, target, due));
        schedule(due, deadlines);
    }

    /** The SLA the clocks run by, if any. */
    Optional<String> slaId() {
        return Optional.ofNullable(slaId);
    }

    /**
     * A new priority moves each running target to the SLA's target for that priority and keeps the SLA time the
     * ticket spent waiting for the customer: due = opening + new target + (SLA time from the opening to the old due
     * time - old target). A target whose new due time has passed (by the pause, if the clocks stand still) is missed
     * at once. Met and missed targets stay as they are; without an SLA (or when it is gone) only the priority changes.
     */
    void priorityChanged(String ticketId, Priority from, Priority to, Instant openedAt, Optional<SlaTerms> terms,
                         Instant now, DeadlineManager deadlines) {
        if (terms.isEmpty() || target == null) {
            apply(new TicketPriorityChanged(ticketId, from, to, null, Map.of()));
            return;
        }
        SlaTarget newTarget = terms.get().targetFor(to);
        Map<SlaClock, Instant> due = new EnumMap<>(SlaClock.class);
        running.forEach((clock, was) -> {
            Duration waited = hours.between(openedAt, was).minus(target.of(clock));
            due.put(clock, hours.plus(openedAt, newTarget.of(clock).plus(waited)));
        });
        apply(new TicketPriorityChanged(ticketId, from, to, newTarget, due));
        Instant reached = pausedAt != null ? pausedAt : now;
        Map<SlaClock, Instant> ahead = new EnumMap<>(SlaClock.class);
        due.forEach((clock, at) -> {
            if (at.isAfter(reached)) {
                ahead.put(clock, at);
            } else {
                apply(new SlaTargetMissed(ticketId, clock, at));
            }
        });
        schedule(ahead, deadlines);
    }

    void meet(String ticketId, SlaClock clock, Instant at) {
        if (running.containsKey(clock)) {
            apply(new SlaTargetMet(ticketId, clock, at));
        }
    }

    /**
     * Leaving NEW is the first response; WAITING_CUSTOMER stops the clocks and leaving it starts them again with
     * the SLA time they had left; COMPLETE meets the resolution (and a plan never given).
     */
    void statusChanged(String ticketId, TicketStatus from, TicketStatus to, Instant now, DeadlineManager deadlines) {
        if (from == TicketStatus.NEW) {
            meet(ticketId, SlaClock.FIRST_RESPONSE, now);
        }
        if (to == TicketStatus.WAITING_CUSTOMER && !running.isEmpty()) {
            apply(new SlaClocksPaused(ticketId, now));
        } else if (from == TicketStatus.WAITING_CUSTOMER && pausedAt != null) {
            Map<SlaClock, Instant> due = dueAfterPause(now);
            apply(new SlaClocksResumed(ticketId, now, due));
            schedule(due, deadlines);
        }
        if (to == TicketStatus.COMPLETE) {
            meet(ticketId, SlaClock.RESOLUTION_PLAN, now);
            meet(ticketId, SlaClock.RESOLVED, now);
        }
    }

    /** A target's due time came: missed if it still runs unpaused; met, paused or moved later, it is left alone. */
    void dueTimeReached(String ticketId, SlaClock clock, Instant now) {
        if (running.containsKey(clock) && pausedAt == null && !now.isBefore(running.get(clock))) {
            apply(new SlaTargetMissed(ticketId, clock, running.get(clock)));
        }
    }

    /** The due times after a pause ending {@code now}: each target keeps the SLA time it had left when paused. */
    private Map<SlaClock, Instant> dueAfterPause(Instant now) {
        Map<SlaClock, Instant> due = new EnumMap<>(SlaClock.class);
        running.forEach((clock, was) -> due.put(clock, hours.plus(now, hours.between(pausedAt, was))));
        return due;
    }

    private static void schedule(Map<SlaClock, Instant> due, DeadlineManager deadlines) {
        due.forEach((clock, at) -> deadlines.schedule(at, Ticket.SLA_DEADLINE, clock));
    }

    @EventSourcingHandler
    void on(SlaApplied event) {
        slaId = event.slaId();
        target = event.target();
        hours = event.hours();
        running.clear();
        running.putAll(event.due());
        pausedAt = null;
    }

    @EventSourcingHandler
    void on(TicketPriorityChanged event) {
        if (event.target() != null) {
            target = event.target();
            running.putAll(event.due());
        }
    }

    @EventSourcingHandler
    void on(SlaTargetMet event) {
        running.remove(event.clock());
    }

    @EventSourcingHandler
    void on(SlaTargetMissed event) {
        running.remove(event.clock());
    }

    @EventSourcingHandler
    void on(SlaClocksPaused event) {
        pausedAt = event.at();
    }

    @EventSourcingHandler
    void on(SlaClocksResumed event) {
        pausedAt = null;
        running.clear();
        running.putAll(event.due());
    }
}
