package io.psa.command.ticket;

import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.api.outsourcing.OutsourcingStatus;
import io.psa.api.outsourcing.OutsourcingTransition;
import io.psa.api.rule.Policy;
import io.psa.api.ticket.Visibility;

import java.time.Instant;
import java.util.stream.Collectors;

import static io.psa.api.rule.Policy.stateRule;

/** The rules of the outsourcing workflow on a ticket. */
final class OutsourcingPolicies {
    private OutsourcingPolicies() {
    }

    record Move(OutsourcingLink link, OutsourcingTransition transition) {
    }

    record AgreementMatch(OutsourcingLink link, String agreementId) {
    }

    record Acceptance(Instant acceptBy, Instant now) {
    }

    record FeeCharge(OutsourcingStatus status, boolean charged) {
    }

    static final Policy<FeeCharge> FEE_ONCE_PER_ACCEPTANCE = stateRule("fee-once-per-acceptance",
            fee -> fee.status() == OutsourcingStatus.ACCEPTED && !fee.charged(),
            fee -> fee.charged() ? "The fee for this acceptance is charged already."
                    : "A fee is charged for an accepted ticket; this one is " + fee.status() + ".");

    static final Policy<OutsourcingLink> NOT_OUTSOURCED_ALREADY = stateRule("outsourcing-not-running",
            link -> link == null || link.status().isEnded(),
            link -> "The ticket is outsourced already (" + link.status() + " with " + link.partyName()
                    + "); cancel it or wait until it is declined or complete.");

    static final Policy<OutsourcingLink> INSOURCED_IS_NOT_OUTSOURCED = stateRule("insourced-ticket-stays-here",
            link -> link == null || link.side() == OutsourcingSide.LEAD,
            link -> "This ticket was insourced from " + link.partyName() + "; it cannot be outsourced further.");

    static final Policy<Visibility> EXTERNAL_ITEMS_ONLY = Policy.valueRule("forward-external-items-only",
            visibility -> visibility == Visibility.EXTERNAL,
            visibility -> "Only EXTERNAL notes and attachments are forwarded; an INTERNAL one never leaves this instance.");

    static final Policy<OutsourcingLink> OUTSOURCED = stateRule("ticket-outsourced", link -> link != null,
            link -> "The ticket is not outsourced.");

    static final Policy<Move> MADE_BY_ITS_SIDE = stateRule("outsourcing-move-by-its-side",
            move -> move.transition().by() == move.link().side(),
            move -> "Only the " + move.transition().by().name().toLowerCase() + " may "
                    + move.transition().name().toLowerCase().replace('_', ' ') + " an outsourcing; this instance is the "
                    + move.link().side().name().toLowerCase() + " of this ticket.");

    static final Policy<Move> MADE_BY_THE_OTHER_SIDE = stateRule("outsourcing-fact-by-the-other-side",
            move -> move.transition().by() != move.link().side(),
            move -> "The other side cannot " + move.transition().name().toLowerCase().replace('_', ' ')
                    + " this outsourcing: that is this side's move.");

    static final Policy<Move> FROM_ITS_STATUS = stateRule("outsourcing-transition",
            move -> move.transition().startsFrom(move.link().status()),
            move -> "The outsourcing is " + move.link().status() + ": " + move.transition().name().toLowerCase()
                    .replace('_', ' ') + " is possible only when it is "
                    + move.transition().from().stream().map(OutsourcingStatus::name).collect(Collectors.joining(" or "))
                    + ".");

    static final Policy<AgreementMatch> OF_THIS_AGREEMENT = stateRule("linked-by-this-agreement",
            match -> match.link() != null && match.link().agreementId().equals(match.agreementId()),
            match -> "The ticket is not linked to the partner by agreement " + match.agreementId() + ".");

    static final Policy<OutsourcingLink> DETAILS_FROM_THE_LEAD = stateRule("details-from-the-lead",
            link -> link.side() == OutsourcingSide.PARTNER,
            link -> "Only the lead changes the details of an outsourced ticket on the partner's copy.");

    /** Also while the copy waits for approval: the lead may not know yet that the partner reported it done. */
    static final Policy<OutsourcingLink> DETAILS_WHILE_LINKED = stateRule("details-while-linked",
            link -> link.status().isLinked(),
            link -> "The outsourcing is " + link.status() + ": the lead's details reach a copy only while it is "
                    + "ASSIGNED, ACCEPTED or WAITING_APPROVAL.");

    static final Policy<OutsourcingLink> SYNCS_WHILE_LINKED = stateRule("sync-while-linked",
            link -> link.status() == OutsourcingStatus.ASSIGNED || link.status() == OutsourcingStatus.ACCEPTED,
            link -> "The outsourcing is " + link.status() + ": items are synced only while ASSIGNED or ACCEPTED.");

    static final Policy<Acceptance> ACCEPTED_IN_TIME = stateRule("accept-by",
            acceptance -> acceptance.acceptBy() == null || !acceptance.now().isAfter(acceptance.acceptBy()),
            acceptance -> "The lead asked for acceptance by " + acceptance.acceptBy() + "; that time has passed.");
}
