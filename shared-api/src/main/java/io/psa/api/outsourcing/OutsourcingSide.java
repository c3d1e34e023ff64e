package io.psa.api.outsourcing;

/** LEAD outsourced the ticket; PARTNER insourced it. */
public enum OutsourcingSide {
    LEAD, PARTNER;

    public OutsourcingSide other() {
        return this == LEAD ? PARTNER : LEAD;
    }
}
