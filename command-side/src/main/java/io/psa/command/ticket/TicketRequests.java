package io.psa.command.ticket;

import io.psa.api.ticket.AttachmentContent;
import io.psa.api.ticket.ChargeContent;
import io.psa.api.ticket.Hours;
import io.psa.api.ticket.Money;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.TicketStatus;
import io.psa.api.ticket.TimeEntryContent;
import io.psa.api.ticket.Visibility;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The JSON bodies of the ticket commands. Bean validation answers 400 for what is missing or malformed;
 * the ticket's own rules answer 409 / 422 for the rest.
 */
final class TicketRequests {
    private TicketRequests() {
    }

    record OpenTicketRequest(@NotBlank @Size(max = 100) String companyId, @NotBlank @Size(max = 500) String title,
                             @Size(max = 20000) String description, Integer priority, @Size(max = 100) String deviceId,
                             @Size(max = 100) String contractId, @Size(max = 100) String contractServiceId) {
        Priority priorityOrNull() {
            return priority == null ? null : Priority.of(priority);
        }
    }

    record StatusRequest(@NotNull TicketStatus status) {
    }

    record NoteRequest(@NotBlank @Size(max = 500) String title, @NotBlank @Size(max = 50000) String text,
                       @NotNull Visibility visibility) {
        NoteContent content() {
            return new NoteContent(title, text, visibility);
        }
    }

    record TimeEntryRequest(@NotBlank @Size(max = 100) String resourceId, @NotNull LocalDate workDate,
                            @NotNull BigDecimal hoursWorked, BigDecimal hoursToBill, Boolean billable,
                            @Size(max = 5000) String summary) {
        /** Work is billable unless said otherwise. */
        TimeEntryContent content() {
            return new TimeEntryContent(resourceId, workDate, Hours.of(hoursWorked),
                    hoursToBill == null ? null : Hours.of(hoursToBill), billable == null || billable, summary);
        }
    }

    record ChargeRequest(LocalDate date, @NotBlank @Size(max = 1000) String description, @NotNull BigDecimal quantity,
                         @NotNull BigDecimal unitCost, @NotNull BigDecimal unitPrice, Boolean billable) {
        /** The date defaults to today (UTC); a charge is billable unless said otherwise. */
        ChargeContent content() {
            return new ChargeContent(date != null ? date : LocalDate.now(ZoneOffset.UTC), description, quantity,
                    Money.of(unitCost), Money.of(unitPrice), billable == null || billable);
        }
    }

    record AttachmentRequest(@NotBlank @Size(max = 500) String title, @NotNull Visibility visibility) {
        AttachmentContent content() {
            return new AttachmentContent(title, visibility);
        }
    }

    record ContractRequest(@Size(max = 100) String contractId, @Size(max = 100) String contractServiceId) {
    }

    record ResolutionPlanRequest(@NotBlank @Size(max = 20000) String plan) {
    }
}
