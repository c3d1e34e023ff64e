package io.psa.api.contract;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How a fixed-price contract earns its value: evenly over the days of its term. A change of value or end date
 * spreads what is still to be earned (the new value less what the days before the change earned) over the days
 * left, so the past keeps what it earned and the whole term earns the value last agreed. Exact to 34 digits;
 * rounding is the reader's.
 */
public final class FixedFee {
    private static final MathContext EXACT_ENOUGH = MathContext.DECIMAL128;

    /** The days [from, to] earn {@code toEarn} spread over the {@code spreadDays} from {@code from} to the end. */
    private record Stretch(LocalDate from, LocalDate to, BigDecimal toEarn, long spreadDays) {
        BigDecimal earned(LocalDate start, LocalDate end) {
            LocalDate a = start.isAfter(from) ? start : from;
            LocalDate b = end.isBefore(to) ? end : to;
            if (b.isBefore(a) || spreadDays <= 0) {
                return BigDecimal.ZERO;
            }
            return toEarn.multiply(BigDecimal.valueOf(days(a, b))).divide(BigDecimal.valueOf(spreadDays), EXACT_ENOUGH);
        }
    }

    private final List<Stretch> stretches;

    private FixedFee(List<Stretch> stretches) {
        this.stretches = stretches;
    }

    /**
     * @param start the contract's first day
     * @param terms its terms in the order they took effect, the first those it was created with (its effective
     *              date, whatever it says, is the start); a later one on the same day replaces the earlier
     */
    public static FixedFee of(LocalDate start, List<ContractTerms> terms) {
        List<ContractTerms> inForce = new ArrayList<>();
        for (ContractTerms term : terms) {
            ContractTerms from = inForce.isEmpty() ? term.from(start) : term;
            if (!inForce.isEmpty() && inForce.get(inForce.size() - 1).effectiveFrom().equals(from.effectiveFrom())) {
                inForce.remove(inForce.size() - 1);
            }
            inForce.add(from);
        }
        List<Stretch> stretches = new ArrayList<>();
        BigDecimal earned = BigDecimal.ZERO;
        for (int i = 0; i < inForce.size(); i++) {
            ContractTerms term = inForce.get(i);
            LocalDate to = i + 1 < inForce.size() ? inForce.get(i + 1).effectiveFrom().minusDays(1) : term.endDate();
            if (to.isAfter(term.endDate())) {
                to = term.endDate();
            }
            BigDecimal value = term.value() == null ? BigDecimal.ZERO : term.value().amount();
            Stretch stretch = new Stretch(term.effectiveFrom(), to, value.subtract(earned),
                    days(term.effectiveFrom(), term.endDate()));
            earned = earned.add(stretch.earned(stretch.from(), stretch.to()));
            stretches.add(stretch);
        }
        return new FixedFee(stretches);
    }

    /** What the days from {@code from} to {@code to}, both included, earn. */
    public BigDecimal earned(LocalDate from, LocalDate to) {
        BigDecimal earned = BigDecimal.ZERO;
        for (Stretch stretch : stretches) {
            earned = earned.add(stretch.earned(from, to));
        }
        return earned;
    }

    /** What the days before {@code day} earned. */
    public BigDecimal earnedBefore(LocalDate day) {
        return earned(LocalDate.MIN, day.minusDays(1));
    }

    private static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
