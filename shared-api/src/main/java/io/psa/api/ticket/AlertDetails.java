package io.psa.api.ticket;

import java.time.Instant;

/**
 * A monitoring alert as the ticket keeps it. {@code condition} names what is wrong (the monitor's check); the same
 * condition on the same device while its ticket is open is one problem, not a new one.
 */
public record AlertDetails(String rmmAlertId, String condition, String severity, String title, String message,
                           Instant raisedAt) {
}
