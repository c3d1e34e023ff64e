package io.psa.command.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.psa.api.outsourcing.PartnerAuthor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The tickets a subcontractor sees, read from the ticket read model (the command side and the query side share the
 * database): only those outsourced to its agreement while they are linked, and on each only the lead's EXTERNAL notes and
 * attachments and the subcontractor's own items. Nothing INTERNAL of the lead's, nothing of other subcontractors.
 */
@Repository
public class PortalTickets {
    /** A ticket as the portal shows it: the read model's document, filtered for this subcontractor. */
    public record PortalTicket(String ticketId, JsonNode ticket, List<JsonNode> notes, List<JsonNode> attachments,
                        List<JsonNode> timeEntries, List<JsonNode> charges) {
        public String outsourcingStatus() {
            return ticket.path("outsourcing").path("status").asText();
        }
    }

    /**
     * A subcontractor sees a ticket only while it is linked to it: sent and not yet ended (a ticket prepared and
     * canceled before it was sent, or one whose outsourcing ended, shows nothing more). ASSIGNED ones come first.
     */
    private static final List<String> ORDER = List.of("ASSIGNED", "ACCEPTED", "WAITING_APPROVAL");
    private static final String LINKED = "'ASSIGNED', 'ACCEPTED', 'WAITING_APPROVAL'";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    PortalTickets(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<PortalTicket> of(String agreementId) {
        List<PortalTicket> tickets = new ArrayList<>(jdbc.query("select v.ticket_id, d.document from ticket_view v "
                        + "join ticket_document d on d.ticket_id = v.ticket_id "
                        + "where v.outsourcing_agreement_id = ? and v.outsourcing_status in (" + LINKED + ")",
                (rs, row) -> shown(agreementId, rs.getString(1), read(rs.getString(2))), agreementId));
        tickets.sort(Comparator.comparingInt((PortalTicket t) -> rank(t.outsourcingStatus()))
                               .thenComparing(t -> t.ticket().path("outsourcing").path("acceptBy").asText("~"))
                               .thenComparing(t -> t.ticket().path("updatedAt").asText(), Comparator.reverseOrder()));
        return tickets;
    }

    Optional<PortalTicket> find(String agreementId, String ticketId) {
        return jdbc.query("select v.ticket_id, d.document from ticket_view v join ticket_document d "
                          + "on d.ticket_id = v.ticket_id where v.ticket_id = ? and v.outsourcing_agreement_id = ? "
                          + "and v.outsourcing_status in (" + LINKED + ")",
                (rs, row) -> shown(agreementId, rs.getString(1), read(rs.getString(2))), ticketId, agreementId)
                   .stream().findFirst();
    }

    private static PortalTicket shown(String agreementId, String ticketId, JsonNode ticket) {
        Predicate<JsonNode> own = entry -> entry.path("author").asText().startsWith(PartnerAuthor.of(agreementId, ""));
        Predicate<JsonNode> leadsExternal = entry -> !PartnerAuthor.isPartner(entry.path("author").asText())
                && "EXTERNAL".equals(entry.path("content").path("visibility").asText(
                        entry.path("content").path("details").path("visibility").asText()));
        return new PortalTicket(ticketId, ticket, filter(ticket.path("notes"), own.or(leadsExternal)),
                filter(ticket.path("attachments"), own.or(leadsExternal)), filter(ticket.path("timeEntries"), own),
                filter(ticket.path("charges"), own));
    }

    private static List<JsonNode> filter(JsonNode entries, Predicate<JsonNode> shown) {
        List<JsonNode> kept = new ArrayList<>();
        entries.forEach(entry -> {
            if (shown.test(entry)) {
                kept.add(entry);
            }
        });
        return kept;
    }

    private static int rank(String status) {
        int rank = ORDER.indexOf(status);
        return rank < 0 ? ORDER.size() : rank;
    }

    private JsonNode read(String document) {
        try {
            return json.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
