package io.psa.api.ticket;

import io.psa.api.outsourcing.OutsourcingStatus;

import java.time.Instant;
import java.util.List;

/** Questions the query side answers about tickets. */
public final class TicketQueries {
    private TicketQueries() {
    }

    public record TicketDetail(String ticketId) {
    }

    /** How a ticket list is ordered: newest opened, next SLA due time, priority (then due time), last change. */
    public enum TicketOrder { OPENED, DUE, PRIORITY, UPDATED }

    /**
     * Each filter optional: {@code statuses} and {@code outsourcingStatuses} any of them (none: all), {@code slaMissed}
     * a target MISSED, {@code dueWithinMinutes} the next running SLA target due within that many minutes from now,
     * {@code text} in the title.
     */
    public record TicketList(String companyId, List<TicketStatus> statuses, String contractId, String deviceId,
                             String assignedResourceId, String queue, List<OutsourcingStatus> outsourcingStatuses,
                             Boolean slaMissed, Integer dueWithinMinutes, String text, TicketOrder order, int page,
                             int size) {
        /** Only a company's or a contract's tickets, newest first. */
        public static TicketList of(String companyId, String contractId, int page, int size) {
            return new TicketList(companyId, List.of(), contractId, null, null, null, List.of(), null, null, null,
                    TicketOrder.OPENED, page, size);
        }
    }

    /** The alerts tickets received, newest first unless {@code oldestFirst}; each filter optional. */
    public record AlertList(String companyId, String deviceId, String ticketId, String severity, boolean oldestFirst,
                            int page, int size) {
    }

    public record TicketHistory(String ticketId) {
    }

    public record TicketStateAsOf(String ticketId, Instant asOf) {
    }

    public record AttachmentFile(String ticketId, String attachmentId) {
    }
}
