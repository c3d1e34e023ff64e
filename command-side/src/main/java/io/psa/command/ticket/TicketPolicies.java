package io.psa.command.ticket;

import io.psa.api.rule.Policy;
import io.psa.api.ticket.ChargeContent;
import io.psa.api.ticket.Hours;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.TicketStatus;
import io.psa.api.ticket.TimeEntryContent;
import io.psa.command.contract.ReferenceData;
import io.psa.command.contract.ServicePolicies;

import java.math.BigDecimal;
import java.time.LocalDate;

import static io.psa.api.rule.Policy.stateRule;
import static io.psa.api.rule.Policy.valueRule;

/** The rules a ticket enforces, each with the reason a person reads when it refuses. */
final class TicketPolicies {
    private TicketPolicies() {
    }

    record StatusChange(TicketStatus from, TicketStatus to) {
    }

    /** {@code partnerItemsReleased}: the outsourcing is complete, so the lead may change the partner's items. */
    record ItemChange(String author, String actor, boolean partnerItemsReleased) {
    }

    record WorkDay(LocalDate workDate, LocalDate latestToday) {
    }

    record DayTotal(String resourceId, LocalDate workDate, Hours total) {
    }

    record ServiceChoice(ReferenceData.ContractFacts contract, String serviceId) {
    }

    record PriorityChange(Priority from, Priority to) {
    }

    record ResourceChoice(String resourceId, ReferenceData.ResourceStanding standing) {
    }

    static final Policy<ServiceChoice> SERVICE_OF_THE_CONTRACT = stateRule("service-of-the-contract",
            choice -> choice.serviceId() == null || choice.contract().serviceIds().contains(choice.serviceId()),
            choice -> "Service " + choice.serviceId() + " is not a service of contract " + choice.contract().name() + ".");

    static final Policy<Priority> PRIORITY_1_TO_4 = valueRule("priority-1-to-4", Priority::isValid,
            p -> "Priority must be 1 (critical) to 4 (low), not " + p.level() + ".");

    static final Policy<PriorityChange> PRIORITY_MUST_CHANGE = stateRule("priority-must-change",
            change -> !change.from().equals(change.to()),
            change -> "The ticket has priority " + change.to().level() + " already.");

    static final Policy<ResourceChoice> KNOWN_RESOURCE = valueRule("known-resource",
            choice -> choice.standing() != ReferenceData.ResourceStanding.UNKNOWN,
            choice -> "There is no resource " + choice.resourceId() + ": register it with POST /api/resources first.");

    static final Policy<ResourceChoice> ACTIVE_RESOURCE = stateRule("active-resource",
            choice -> choice.standing() != ReferenceData.ResourceStanding.DEACTIVATED,
            choice -> "Resource " + choice.resourceId() + " is deactivated: it logs no time and takes no tickets.");

    /**
     * A contract (and service) a person puts a ticket on, at its opening or later: the ticket's company's, and a
     * service of it that has not ended.
     */
    static void checkContractChoice(String companyId, ReferenceData.ContractFacts contract, String serviceId,
                                    LocalDate day) {
        TicketOpening.SAME_COMPANY.check(new TicketOpening.Match(companyId, contract.companyId(), "contract"));
        SERVICE_OF_THE_CONTRACT.check(new ServiceChoice(contract, serviceId));
        ServicePolicies.SERVICE_RUNNING.check(new ServicePolicies.ServiceOnDay(contract, serviceId, day));
    }

    /** A resource that is registered and active. */
    static void checkResource(ResourceChoice choice) {
        KNOWN_RESOURCE.check(choice);
        ACTIVE_RESOURCE.check(choice);
    }

    static final Policy<TicketStatus> COMPLETE_TICKET_IS_CLOSED = stateRule("complete-ticket-is-closed",
            status -> status != TicketStatus.COMPLETE,
            status -> "The ticket is COMPLETE: nothing can be logged or changed on it until it is reopened "
                      + "(status NEW or IN_PROGRESS).");

    static final Policy<StatusChange> STATUS_MUST_CHANGE = stateRule("status-must-change",
            change -> change.from() != change.to(), change -> "The ticket is " + change.to() + " already.");

    static final Policy<StatusChange> REOPEN_TO_NEW_OR_IN_PROGRESS = stateRule("reopen-to-new-or-in-progress",
            change -> change.from() != TicketStatus.COMPLETE || change.to() == TicketStatus.NEW
                      || change.to() == TicketStatus.IN_PROGRESS,
            change -> "A COMPLETE ticket is reopened to NEW or IN_PROGRESS, not to " + change.to() + ".");

    static final Policy<ItemChange> OWN_ITEMS_ONLY = stateRule("own-items-only",
            change -> change.author().equals(change.actor())
                      || change.partnerItemsReleased() && io.psa.api.outsourcing.PartnerAuthor.isPartner(change.author())
                         && !io.psa.api.outsourcing.PartnerAuthor.isPartner(change.actor()),
            change -> "Only " + change.author() + ", who created this item, may change or delete it.");

    static final Policy<TimeEntryContent> HOURS_WORKED_POSITIVE_WITHIN_A_DAY = valueRule(
            "hours-worked-positive-within-a-day",
            entry -> entry.hoursWorked().isPositive() && entry.hoursWorked().compareTo(Hours.ONE_DAY) <= 0,
            entry -> "Hours worked must be more than 0 and at most 24, not " + entry.hoursWorked().value() + ".");

    static final Policy<TimeEntryContent> HOURS_TO_BILL_WITHIN_A_DAY = valueRule("hours-to-bill-within-a-day",
            entry -> !entry.hoursToBill().isNegative() && entry.hoursToBill().compareTo(Hours.ONE_DAY) <= 0,
            entry -> "Hours to bill must be 0 to 24, not " + entry.hoursToBill().value() + ".");

    static final Policy<TimeEntryContent> NON_BILLABLE_BILLS_NO_HOURS = valueRule("non-billable-bills-no-hours",
            entry -> entry.billable() || !entry.hoursToBill().isPositive(),
            entry -> "Non-billable work cannot bill hours (hoursToBill " + entry.hoursToBill().value() + ").");

    static final Policy<WorkDay> NO_TIME_LOGGED_IN_ADVANCE = valueRule("no-time-logged-in-advance",
            day -> !day.workDate().isAfter(day.latestToday()),
            day -> "Work cannot be logged for " + day.workDate() + ", a day that has not begun anywhere yet.");

    static final Policy<DayTotal> AT_MOST_24_HOURS_A_DAY = valueRule("at-most-24-hours-a-day",
            day -> day.total().compareTo(Hours.ONE_DAY) <= 0,
            day -> "Resource " + day.resourceId() + " would have " + day.total().value() + " hours on "
                   + day.workDate() + " on this ticket; a day has 24.");

    static final Policy<ChargeContent> CHARGE_QUANTITY_POSITIVE = valueRule("charge-quantity-positive",
            charge -> charge.quantity().signum() > 0,
            charge -> "A charge's quantity must be more than 0, not " + charge.quantity().toPlainString() + ".");

    static final Policy<ChargeContent> CHARGE_AMOUNTS_NOT_NEGATIVE = valueRule("charge-amounts-not-negative",
            charge -> !charge.unitCost().isNegative() && !charge.unitPrice().isNegative(),
            charge -> "Unit cost and unit price cannot be negative (" + plain(charge.unitCost().amount()) + ", "
                      + plain(charge.unitPrice().amount()) + ").");

    private static String plain(BigDecimal amount) {
        return amount.toPlainString();
    }
}
