package io.psa.command.ticket;

import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.api.outsourcing.OutsourcingStatus;
import io.psa.api.outsourcing.OutsourcingTerms;

import java.time.Instant;

/** A ticket's tie to the other side of an outsourcing agreement, as the ticket's events left it. */
record OutsourcingLink(String agreementId, OutsourcingSide side, String partyName, OutsourcingTerms terms,
                       Instant acceptBy, OutsourcingStatus status) {

    OutsourcingLink moved(OutsourcingStatus to) {
        return new OutsourcingLink(agreementId, side, partyName, terms, acceptBy, to);
    }
}
