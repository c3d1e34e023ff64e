package io.psa.api.contract;

import io.psa.api.ticket.Money;

import java.time.LocalDate;

/**
 * A contract's terms from one day on: when it ends, its hourly rate and its value (what a fixed-price contract
 * earns over its whole term), as agreed on that day. Null rate or value: none.
 */
public record ContractTerms(LocalDate effectiveFrom, LocalDate endDate, Money hourlyRate, Money value) {
    public ContractTerms from(LocalDate day) {
        return new ContractTerms(day, endDate, hourlyRate, value);
    }

    /** The same agreement, whatever day it took effect. */
    public boolean sameAs(ContractTerms other) {
        return endDate.equals(other.endDate) && java.util.Objects.equals(hourlyRate, other.hourlyRate)
               && java.util.Objects.equals(value, other.value);
    }
}
