package io.psa.api.contract;

import io.psa.api.ticket.Priority;

import java.util.Map;

/**
 * An SLA as applied to tickets: its hours, its targets per priority (1..4), the priority a ticket gets without
 * anything better, and the priority an alert of a given severity gets.
 */
public record SlaTerms(String slaId, String name, SlaHours hours, Map<Integer, SlaTarget> targets,
                       Priority defaultPriority, Map<String, Priority> severityPriorities) {

    /** The alert's severity mapped, else the SLA's default. */
    /** A person's choice stands; else the alert's severity mapped, else the default. */
    public Priority priorityFor(String severity, Priority chosen) {
        return chosen != null ? chosen : priorityFor(severity);
    }

    public Priority priorityFor(String severity) {
        if (severity != null && severityPriorities != null) {
            Priority mapped = severityPriorities.get(severity.toUpperCase(java.util.Locale.ROOT));
            if (mapped != null) {
                return mapped;
            }
        }
        return defaultPriority;
    }

    public SlaTarget targetFor(Priority priority) {
        return targets.get(priority.level());
    }
}
