package io.psa.api.outsourcing;

import java.util.EnumSet;
import java.util.Set;

import static io.psa.api.outsourcing.OutsourcingSide.LEAD;
import static io.psa.api.outsourcing.OutsourcingSide.PARTNER;
import static io.psa.api.outsourcing.OutsourcingStatus.*;

/** Every move of the outsourcing status: who may make it, from where, to where. The one table both sides obey. */
public enum OutsourcingTransition {
    SEND(LEAD, ASSIGNED, "sent to the partner", UNSENT, DECLINED),
    CANCEL(LEAD, CANCELED, "canceled by the lead", UNSENT, ASSIGNED),
    ACCEPT(PARTNER, ACCEPTED, "accepted by the partner", ASSIGNED),
    DECLINE(PARTNER, DECLINED, "declined by the partner", ASSIGNED),
    EXPIRE(LEAD, DECLINED, "not accepted in time", ASSIGNED),
    REPORT_DONE(PARTNER, WAITING_APPROVAL, "reported done by the partner, waiting for approval", ACCEPTED),
    APPROVE(LEAD, OutsourcingStatus.COMPLETE, "approved by the lead", WAITING_APPROVAL),
    REJECT(LEAD, ACCEPTED, "rejected by the lead, back in progress", WAITING_APPROVAL),
    COMPLETE(LEAD, OutsourcingStatus.COMPLETE, "completed by the lead", ACCEPTED, WAITING_APPROVAL);

    private final OutsourcingSide by;
    private final OutsourcingStatus to;
    private final String meaning;
    private final Set<OutsourcingStatus> from;

    OutsourcingTransition(OutsourcingSide by, OutsourcingStatus to, String meaning, OutsourcingStatus first,
                          OutsourcingStatus... more) {
        this.by = by;
        this.to = to;
        this.meaning = meaning;
        this.from = EnumSet.of(first, more);
    }

    public OutsourcingSide by() {
        return by;
    }

    public OutsourcingStatus to() {
        return to;
    }

    public String meaning() {
        return meaning;
    }

    public boolean startsFrom(OutsourcingStatus status) {
        return from.contains(status);
    }

    public Set<OutsourcingStatus> from() {
        return from;
    }
}
