package io.psa.api.ticket;

import java.time.LocalDate;

/** A technician's work on a ticket. Without hoursToBill, billable work bills the hours worked, other work none. */
public record TimeEntryContent(String resourceId, LocalDate workDate, Hours hoursWorked, Hours hoursToBill,
                               boolean billable, String summary) {

    public TimeEntryContent withDefaultHoursToBill() {
        if (hoursToBill != null) {
            return this;
        }
        return new TimeEntryContent(resourceId, workDate, hoursWorked, billable ? hoursWorked : Hours.ZERO, billable,
                summary);
    }
}
