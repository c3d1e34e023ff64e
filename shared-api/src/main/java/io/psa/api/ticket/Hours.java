package io.psa.api.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A number of hours, kept to the minute's precision of two decimals. */
public record Hours(BigDecimal value) implements Comparable<Hours> {
    public static final Hours ZERO = new Hours(BigDecimal.ZERO);
    public static final Hours ONE_DAY = new Hours(BigDecimal.valueOf(24));

    public Hours {
        value = value.setScale(2, RoundingMode.HALF_UP);
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
