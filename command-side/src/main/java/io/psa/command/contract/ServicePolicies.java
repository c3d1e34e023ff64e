package io.psa.command.contract;

import io.psa.api.rule.Policy;

import java.time.LocalDate;

/** Rules about a contract's service that tickets and devices share. */
public final class ServicePolicies {
    private ServicePolicies() {
    }

    /** A service of a contract, asked for on a day (none asked for: {@code serviceId} null). */
    public record ServiceOnDay(ReferenceData.ContractFacts contract, String serviceId, LocalDate day) {
    }

    /** A service that has ended takes no new tickets and no device links; what it had stays. */
    public static final Policy<ServiceOnDay> SERVICE_RUNNING = Policy.stateRule("service-running",
            asked -> asked.serviceId() == null || asked.contract().serviceRunsOn(asked.serviceId(), asked.day()),
            asked -> "Service " + asked.serviceId() + " of contract " + asked.contract().name() + " ended on "
                     + asked.contract().serviceLastDays().get(asked.serviceId()) + ".");
}
