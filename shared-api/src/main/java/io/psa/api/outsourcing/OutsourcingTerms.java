package io.psa.api.outsourcing;

import io.psa.api.ticket.Money;

/**
 * What the lead offers: a description of the work and the hourly rate it pays the partner (zero when the work is
 * paid otherwise). On completion the partner's hours at this rate become the lead's outsourcing cost.
 */
public record OutsourcingTerms(String description, Money hourlyRate) {
}
