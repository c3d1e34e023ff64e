package io.psa.query.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Running sums of one report line, unrounded; {@link #shown()} rounds, once, for the answer. */
final class Figures {
    private static final MathContext EXACT_ENOUGH = MathContext.DECIMAL128;

    BigDecimal revenue = BigDecimal.ZERO;
    BigDecimal labourHours = BigDecimal.ZERO;
    BigDecimal labourCost = BigDecimal.ZERO;
    BigDecimal otherCost = BigDecimal.ZERO;
    BigDecimal hoursWithoutCostRate = BigDecimal.ZERO;

    void add(Figures other) {
        revenue = revenue.add(other.revenue);
        labourHours = labourHours.add(other.labourHours);
        labourCost = labourCost.add(other.labourCost);
        otherCost = otherCost.add(other.otherCost);
        hoursWithoutCostRate = hoursWithoutCostRate.add(other.hoursWithoutCostRate);
    }

    /** The figures as reported: money and hours to 2 decimals; margin and hourly rate empty where undefined. */
    Shown shown() {
        BigDecimal profit = revenue.subtract(labourCost).subtract(otherCost);
        BigDecimal margin = revenue.signum() == 0 ? null
                : profit.multiply(BigDecimal.valueOf(100)).divide(revenue, EXACT_ENOUGH);
        BigDecimal hourlyRate = labourHours.signum() == 0 ? null : revenue.divide(labourHours, EXACT_ENOUGH);
        return new Shown(round(revenue), round(labourHours), round(labourCost), round(otherCost), round(profit),
                round(margin), round(hourlyRate), round(hoursWithoutCostRate));
    }

    /**
     * @param effectiveHourlyRate revenue per labour hour
     * @param hoursWithoutCostRate hours whose resource had no cost rate on the work date: costed at 0, so the labour
     *                             cost is understated by them (a data-quality warning)
     */
    record Shown(BigDecimal revenue, BigDecimal labourHours, BigDecimal labourCost, BigDecimal otherCost,
                 BigDecimal profit, BigDecimal marginPercent, BigDecimal effectiveHourlyRate,
                 BigDecimal hoursWithoutCostRate) {
    }

    static BigDecimal round(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
        return dividend.divide(divisor, EXACT_ENOUGH);
    }
}
