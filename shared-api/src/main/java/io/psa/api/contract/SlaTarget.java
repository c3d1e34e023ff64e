package io.psa.api.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Duration;

/** For one priority: minutes of SLA time until first response, resolution plan and resolution. */
public record SlaTarget(int firstResponse, int resolutionPlan, int resolved) {
    /** No target is further away than a year of SLA time. */
    public static final int MAX_MINUTES = 366 * 24 * 60;

    @JsonIgnore
    public boolean isValid() {
        return firstResponse > 0 && resolutionPlan >= firstResponse && resolved >= resolutionPlan
               && resolved <= MAX_MINUTES;
    }

    public Duration of(SlaClock clock) {
        return Duration.ofMinutes(switch (clock) {
            case FIRST_RESPONSE -> firstResponse;
            case RESOLUTION_PLAN -> resolutionPlan;
            case RESOLVED -> resolved;
        });
    }
}
