package io.psa.query.report;

import java.math.BigDecimal;

/**
 * What one entry earns and costs, unrounded.
 * <ul>
 *   <li>time: labour cost = hours worked x the resource's internal cost rate on the work date (none known: 0 and
 *       flagged); on a TIME_AND_MATERIALS or BLOCK_HOURS contract billable work earns hours to bill x the contract's
 *       hourly rate, else the resource's billing rate on the work date; on other contracts the fee covers the work;</li>
 *   <li>charge: other cost = quantity x unit cost; a billable charge earns quantity x unit price.</li>
 * </ul>
 */
record EntryAmounts(BigDecimal revenue, BigDecimal labourCost, BigDecimal otherCost, boolean costRateMissing) {

    static EntryAmounts of(String kind, BigDecimal hoursWorked, BigDecimal hoursToBill, boolean billable,
                           BigDecimal quantity, BigDecimal unitCost, BigDecimal unitPrice, String contractType,
                           BigDecimal contractHourlyRate, BigDecimal internalCostRate, BigDecimal billingRate) {
        if ("CHARGE".equals(kind)) {
            return new EntryAmounts(billable ? quantity.multiply(unitPrice) : BigDecimal.ZERO,
                    BigDecimal.ZERO, quantity.multiply(unitCost), false);
        }
        BigDecimal labourCost = internalCostRate == null ? BigDecimal.ZERO : hoursWorked.multiply(internalCostRate);
        boolean paidByTheHour = "TIME_AND_MATERIALS".equals(contractType) || "BLOCK_HOURS".equals(contractType);
        BigDecimal hourlyRate = contractHourlyRate != null ? contractHourlyRate : billingRate;
        BigDecimal revenue = billable && paidByTheHour && hourlyRate != null ? hoursToBill.multiply(hourlyRate)
                                                                             : BigDecimal.ZERO;
        return new EntryAmounts(revenue, labourCost, BigDecimal.ZERO, internalCostRate == null);
    }
}
