package io.psa.api.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.psa.api.rule.Limits;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount in the instance currency. The scale is kept as given: rounding to 2 decimals happens only when a figure
 * is shown, never in the middle of a computation. It holds at most {@link Limits#REPRESENTABLE_INTEGER_DIGITS} digits
 * before the point and {@link Limits#REPRESENTABLE_DECIMALS} after it (what people enter is bounded tighter, see
 * {@link Limits#AMOUNT_IN_RANGE}), so every amount can be written and read back.
 */
public record Money(BigDecimal amount) {
    public static final Money ZERO = new Money(BigDecimal.ZERO);

    public Money {
        Objects.requireNonNull(amount, "amount");
        if (!Limits.fits(amount, Limits.REPRESENTABLE_INTEGER_DIGITS, Limits.REPRESENTABLE_DECIMALS)) {
            throw new IllegalArgumentException("An amount must have at most " + Limits.REPRESENTABLE_INTEGER_DIGITS
                    + " digits before and " + Limits.REPRESENTABLE_DECIMALS + " after the decimal point.");
        }
    }

    @JsonCreator
    public static Money of(BigDecimal amount) {
        return new Money(amount);
    }

    public static Money of(String amount) {
        return new Money(new BigDecimal(amount));
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public Money times(BigDecimal factor) {
        return new Money(amount.multiply(factor));
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    /** Shown with at least the currency's 2 decimals; finer amounts (a unit cost of 0.125) keep theirs. */
    @JsonValue
    public BigDecimal shown() {
        return amount.scale() < 2 ? amount.setScale(2) : amount;
    }
}
