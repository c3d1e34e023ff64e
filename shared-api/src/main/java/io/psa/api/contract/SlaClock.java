package io.psa.api.contract;

/** The three targets an SLA sets on a ticket. */
public enum SlaClock {
    FIRST_RESPONSE, RESOLUTION_PLAN, RESOLVED
}
