package io.psa.api.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.psa.api.rule.Limits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** A number of hours with at most two decimals (and fewer than ten million of them). */
public record Hours(BigDecimal value) implements Comparable<Hours> {
    public static final Hours ZERO = new Hours(BigDecimal.ZERO);
    public static final Hours ONE_DAY = new Hours(BigDecimal.valueOf(24));

    public Hours {
        Objects.requireNonNull(value, "value");
        if (!Limits.fits(value, Limits.HOURS_INTEGER_DIGITS, Limits.HOURS_DECIMALS)) {
            throw new IllegalArgumentException("Hours must have at most " + Limits.HOURS_DECIMALS
                                               + " decimals and fewer than " + Limits.HOURS_INTEGER_DIGITS + " digits.");
        }
        value = value.setScale(Limits.HOURS_DECIMALS, RoundingMode.UNNECESSARY);
    }

    @JsonCreator
    public static Hours of(BigDecimal value) {
        return new Hours(value);
    }

    public static Hours of(String value) {
        return new Hours(new BigDecimal(value));
    }

    public Hours plus(Hours other) {
        return new Hours(value.add(other.value));
    }

    public boolean isPositive() {
        return value.signum() > 0;
    }

    public boolean isNegative() {
        return value.signum() < 0;
    }

    @Override
    public int compareTo(Hours other) {
        return value.compareTo(other.value);
    }

    @JsonValue
    public BigDecimal value() {
        return value;
    }
}
