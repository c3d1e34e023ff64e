package io.psa.api.ticket;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A cost entry: material, expense or a third party's invoice. */
public record ChargeContent(LocalDate date, String description, BigDecimal quantity, Money unitCost, Money unitPrice,
                            boolean billable) {
}
