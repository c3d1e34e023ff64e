package io.psa.api.ticket;

import java.time.Instant;

/** Questions the query side answers about tickets. */
public final class TicketQueries {
    private TicketQueries() {
    }

    public record TicketDetail(String ticketId) {
    }

    public record TicketList(String companyId, TicketStatus status, String contractId, String deviceId, int page,
                             int size) {
    }

    public record TicketHistory(String ticketId) {
    }

    public record TicketStateAsOf(String ticketId, Instant asOf) {
    }

    public record AttachmentFile(String ticketId, String attachmentId) {
    }
}
