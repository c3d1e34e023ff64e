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
import io.psa.platform.Now;
import io.psa.platform.validation.Amount;
import io.psa.platform.validation.HourCount;
import io.psa.platform.validation.InDateRange;
import io.psa.platform.validation.Quantity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

import static io.psa.api.rule.Limits.*;

/**
 * The JSON bodies of the ticket commands. Bean validation answers 400 for what is missing or malformed;
 * the ticket's own rules answer 409 / 422 for the rest.
 */
final class TicketRequests {
    private TicketRequests() {
    }

    record OpenTicketRequest(@NotBlank @Size(max = ID_LENGTH) String companyId,
                             @NotBlank @Size(max = TITLE_LENGTH) String title,
                             @Size(max = DESCRIPTION_LENGTH) String description, Integer priority,
                             @Size(max = ID_LENGTH) String deviceId, @Size(max = ID_LENGTH) String contractId,
                             @Size(max = ID_LENGTH) String contractServiceId) {
        Priority priorityOrNull() {
            return priority == null ? null : Priority.of(priority);
        }
    }

    record StatusRequest(@NotNull TicketStatus status) {
    }

    record DetailsRequest(@NotBlank @Size(max = TITLE_LENGTH) String title,
                          @Size(max = DESCRIPTION_LENGTH) String description) {
    }

    record PriorityRequest(@NotNull Integer priority) {
        Priority value() {
            return Priority.of(priority);
        }
    }

    /** Both optional: a technician, a queue, or both; neither unassigns. */
    record AssignmentRequest(@Size(max = ID_LENGTH) String resourceId, @Size(max = QUEUE_LENGTH) String queue) {
        String queueOrNull() {
            return queue == null || queue.isBlank() ? null : queue.strip();
        }

        String resourceIdOrNull() {
            return resourceId == null || resourceId.isBlank() ? null : resourceId;
        }
    }

    record NoteRequest(@NotBlank @Size(max = TITLE_LENGTH) String title,
                       @NotBlank @Size(max = NOTE_TEXT_LENGTH) String text,
                       @NotNull Visibility visibility) {
        NoteContent content() {
            return new NoteContent(title, text, visibility);
        }
    }

    record TimeEntryRequest(@NotBlank @Size(max = ID_LENGTH) String resourceId, @NotNull @InDateRange LocalDate workDate,
                            @NotNull @HourCount BigDecimal hoursWorked, @HourCount BigDecimal hoursToBill, Boolean billable,
                            @Size(max = SUMMARY_LENGTH) String summary) {
        /** Work is billable unless said otherwise. */
        TimeEntryContent content() {
            return new TimeEntryContent(resourceId, workDate, Hours.of(hoursWorked),
                    hoursToBill == null ? null : Hours.of(hoursToBill), billable == null || billable, summary);
        }
    }

    record ChargeRequest(@InDateRange LocalDate date, @NotBlank @Size(max = CHARGE_DESCRIPTION_LENGTH) String description,
                         @NotNull @Quantity BigDecimal quantity, @NotNull @Amount BigDecimal unitCost,
                         @NotNull @Amount BigDecimal unitPrice, Boolean billable) {
        /** The date defaults to today (UTC); a charge is billable unless said otherwise. */
        ChargeContent content() {
            return new ChargeContent(date != null ? date : Now.dateUtc(), description, quantity,
                    Money.of(unitCost), Money.of(unitPrice), billable == null || billable);
        }
    }

    record AttachmentRequest(@NotBlank @Size(max = TITLE_LENGTH) String title, @NotNull Visibility visibility) {
        AttachmentContent content() {
            return new AttachmentContent(title, visibility);
        }
    }

    record ContractChangeRequest(@Size(max = ID_LENGTH) String contractId, @Size(max = ID_LENGTH) String contractServiceId) {
    }

    record ResolutionPlanRequest(@NotBlank @Size(max = DESCRIPTION_LENGTH) String plan) {
    }
}
