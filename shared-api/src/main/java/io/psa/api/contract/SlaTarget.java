package io.psa.api.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Duration;

/** For one priority: minutes of SLA time until first response, resolution plan and resolution. */
public record SlaTarget(int firstResponse, int resolutionPlan, int resolved) {
    @JsonIgnore
    public boolean isValid() {
        return firstResponse > 0 && resolutionPlan >= firstResponse && resolved >= resolutionPlan;
    }

    public Duration of(SlaClock clock) {
        return Duration.ofMinutes(switch (clock) {
            case FIRST_RESPONSE -> firstResponse;
            case RESOLUTION_PLAN -> resolutionPlan;
            case RESOLVED -> resolved;
        });
    }
}
