package io.psa.api.outsourcing;

/** How one try to deliver a forwarded ticket on one channel ended. */
public enum DeliveryResult {
    DELIVERED,
    /** Failed this time; another try follows after a pause. */
    RETRYING,
    /** Failed for good (after its last try, or an address that is not allowed). */
    FAILED
}
