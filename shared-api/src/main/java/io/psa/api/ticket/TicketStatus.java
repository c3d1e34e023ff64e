package io.psa.api.ticket;

public enum TicketStatus {
    NEW, IN_PROGRESS, WAITING_CUSTOMER, COMPLETE
}
