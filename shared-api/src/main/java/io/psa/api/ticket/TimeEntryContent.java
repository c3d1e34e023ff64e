package io.psa.api.ticket;

import java.time.LocalDate;

/** A technician's work on a ticket. Non-billable entries bill no hours. */
public record TimeEntryContent(String resourceId, LocalDate workDate, Hours hoursWorked, Hours hoursToBill,
                               boolean billable, String summary) {
}
