package io.psa.api.ticket;

import java.time.Instant;
import java.util.List;

/** Questions the query side answers about tickets. */
public final class TicketQueries {
    private TicketQueries() {
    }

    public record TicketDetail(String ticketId) {
    }

    /** Each filter optional; {@code statuses}: any of them (none: all). */
    public record TicketList(String companyId, List<TicketStatus> statuses, String contractId, String deviceId,
                             String assignedResourceId, String queue, int page, int size) {
    }

    public record TicketHistory(String ticketId) {
    }

    public record TicketStateAsOf(String ticketId, Instant asOf) {
    }

    public record AttachmentFile(String ticketId, String attachmentId) {
    }
}
