package io.psa.query.report;

import io.psa.api.ticket.ChargeContent;
import io.psa.api.ticket.TimeEntryContent;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A time entry or charge as the profitability facts keep it, before its amounts. */
record EntryFacts(String kind, String ticketId, String entryId, LocalDate date, String description,
                  String resourceId, BigDecimal hoursWorked, BigDecimal hoursToBill, boolean billable,
                  BigDecimal quantity, BigDecimal unitCost, BigDecimal unitPrice) {

    static EntryFacts time(String ticketId, String entryId, TimeEntryContent entry) {
        return new EntryFacts("TIME", ticketId, entryId, entry.workDate(), entry.summary(), entry.resourceId(),
                entry.hoursWorked().value(), entry.hoursToBill().value(), entry.billable(), BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO);
    }

    static EntryFacts charge(String ticketId, String entryId, ChargeContent charge) {
        return new EntryFacts("CHARGE", ticketId, entryId, charge.date(), charge.description(), null,
                BigDecimal.ZERO, BigDecimal.ZERO, charge.billable(), charge.quantity(), charge.unitCost().amount(),
                charge.unitPrice().amount());
    }

    EntryAmounts amounts(String contractType, BigDecimal contractHourlyRate, BigDecimal internalCostRate,
                         BigDecimal billingRate) {
        return EntryAmounts.of(kind, hoursWorked, hoursToBill, billable, quantity, unitCost, unitPrice, contractType,
                contractHourlyRate, internalCostRate, billingRate);
    }
}
