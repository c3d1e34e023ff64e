package io.psa.api.contract;

public enum ServicePeriod {
    MONTHLY, QUARTERLY, YEARLY
}
