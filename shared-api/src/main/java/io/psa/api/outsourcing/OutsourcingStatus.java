package io.psa.api.outsourcing;

/** Where a ticket's hand-over to a partner stands; separate from the ticket's own status. */
public enum OutsourcingStatus {
    UNSENT, ASSIGNED, DECLINED, CANCELED, ACCEPTED, WAITING_APPROVAL, COMPLETE,
    /** Handed to a service network or vendor by e-mail or webhook: nothing comes back, the lead completes it. */
    FORWARDED;

    /** Linked and syncing (WAITING_APPROVAL holds the sync back). */
    public boolean isLinked() {
        return this == ASSIGNED || this == ACCEPTED || this == WAITING_APPROVAL;
    }

    /** Over: the ticket may be outsourced again. */
    public boolean isEnded() {
        return this == DECLINED || this == CANCELED || this == COMPLETE || this == FORWARDED;
    }
}
