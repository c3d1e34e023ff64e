package io.psa.api.ticket;

/** INTERNAL items never leave this instance; EXTERNAL ones may be shown to the customer and synced to partners. */
public enum Visibility {
    INTERNAL, EXTERNAL
}
