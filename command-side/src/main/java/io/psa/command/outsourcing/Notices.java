package io.psa.command.outsourcing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.psa.api.outsourcing.ForwardChannel;
import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.api.outsourcing.OutsourcingTransition;
import io.psa.command.CommandLookups;
import io.psa.command.outbox.MailContent;
import io.psa.command.outbox.Outbox;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.psa.api.outsourcing.AgreementMessages.PartnerKind;
import static io.psa.api.ticket.TicketEvents.OutsourcingStatusChanged;

/**
 * E-mails about outsourcing moves, on the lead's instance: the other side's contact hears when a ticket is sent,
 * canceled, approved or rejected; the lead's outsourcing contact (a setting of the instance) when the partner or
 * subcontractor accepts, declines or reports done, or the accept-by time passes. In the instance's languages
 * (German or English), through the outbox, in the transaction of the move's event: sent after the commit, and once
 * per move.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class Notices {
    private static final Set<OutsourcingTransition> TO_THE_OTHER_SIDE = EnumSet.of(OutsourcingTransition.SEND,
            OutsourcingTransition.CANCEL, OutsourcingTransition.APPROVE, OutsourcingTransition.REJECT);
    private static final Set<OutsourcingTransition> TO_THE_LEAD = EnumSet.of(OutsourcingTransition.ACCEPT,
            OutsourcingTransition.DECLINE, OutsourcingTransition.REPORT_DONE, OutsourcingTransition.EXPIRE);
    private static final Pattern MAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+");

    /** A notice's words: its subject and its sentence, with the ticket's title and the other party's name. */
    record Wording(String subject, String sentence) {
    }

    private static final Map<String, Map<OutsourcingTransition, Wording>> WORDINGS = Map.of(
            "en", Map.of(
                    OutsourcingTransition.SEND, new Wording("New ticket for you: %s", "%2$s outsources this ticket to you."),
                    OutsourcingTransition.CANCEL, new Wording("Ticket withdrawn: %s", "%2$s withdrew this ticket."),
                    OutsourcingTransition.APPROVE, new Wording("Work approved: %s", "%2$s approved your work."),
                    OutsourcingTransition.REJECT, new Wording("Work rejected: %s", "%2$s rejected the work."),
                    OutsourcingTransition.ACCEPT, new Wording("Accepted: %s", "%2$s accepted the ticket."),
                    OutsourcingTransition.DECLINE, new Wording("Declined: %s", "%2$s declined the ticket."),
                    OutsourcingTransition.REPORT_DONE, new Wording("Reported done: %s",
                            "%2$s reports the work done; approve or reject it."),
                    OutsourcingTransition.EXPIRE, new Wording("Not accepted in time: %s",
                            "%2$s did not accept the ticket in time.")),
            "de", Map.of(
                    OutsourcingTransition.SEND, new Wording("Neues Ticket für Sie: %s",
                            "%2$s gibt dieses Ticket an Sie ab."),
                    OutsourcingTransition.CANCEL, new Wording("Ticket zurückgezogen: %s",
                            "%2$s hat dieses Ticket zurückgezogen."),
                    OutsourcingTransition.APPROVE, new Wording("Arbeit freigegeben: %s",
                            "%2$s hat Ihre Arbeit freigegeben."),
                    OutsourcingTransition.REJECT, new Wording("Arbeit abgelehnt: %s", "%2$s hat die Arbeit abgelehnt."),
                    OutsourcingTransition.ACCEPT, new Wording("Angenommen: %s", "%2$s hat das Ticket angenommen."),
                    OutsourcingTransition.DECLINE, new Wording("Abgelehnt: %s", "%2$s hat das Ticket abgelehnt."),
                    OutsourcingTransition.REPORT_DONE, new Wording("Als erledigt gemeldet: %s",
                            "%2$s meldet die Arbeit als erledigt; geben Sie sie frei oder lehnen Sie sie ab."),
                    OutsourcingTransition.EXPIRE, new Wording("Nicht rechtzeitig angenommen: %s",
                            "%2$s hat das Ticket nicht rechtzeitig angenommen.")));
    private static final Map<String, String> REASON = Map.of("en", "Reason", "de", "Grund");
    private static final Map<String, String> REFERENCE = Map.of("en", "Reference", "de", "Referenz");

    private final Outbox outbox;
    private final PartnerDirectory directory;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public Notices(Outbox outbox, PartnerDirectory directory, JdbcTemplate jdbc, ObjectMapper json) {
        this.outbox = outbox;
        this.directory = directory;
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(OutsourcingStatusChanged event) {
        boolean neverSent = event.transition() == OutsourcingTransition.CANCEL
                            && event.from() == io.psa.api.outsourcing.OutsourcingStatus.UNSENT;
        if (event.side() != OutsourcingSide.LEAD || neverSent) {
            return;
        }
        PartnerDirectory.Agreement agreement = directory.find(event.agreementId()).orElse(null);
        PartnerDirectory.Profile profile = directory.profile();
        if (agreement == null) {
            return;
        }
        boolean toTheOtherSide = TO_THE_OTHER_SIDE.contains(event.transition());
        String to = toTheOtherSide ? contactOf(agreement) : TO_THE_LEAD.contains(event.transition())
                ? profile.outsourcingContact() : null;
        if (to == null) {
            return;
        }
        String language = toTheOtherSide ? agreement.language() : profile.language();
        String from = toTheOtherSide ? profile.name() : agreement.name();
        String title = event.handover() != null ? event.handover().title() : titleOf(event.ticketId());
        outbox.enqueue(ForwardChannel.EMAIL, event.agreementId(), event.ticketId(), null, to,
                mail(language, event, title, from, agreement, profile));
    }

    private String mail(String language, OutsourcingStatusChanged event, String title, String from,
                        PartnerDirectory.Agreement agreement, PartnerDirectory.Profile profile) {
        String lang = WORDINGS.containsKey(Forwarding.baseLanguage(language)) ? Forwarding.baseLanguage(language) : "en";
        Wording wording = WORDINGS.get(lang).get(event.transition());
        StringBuilder text = new StringBuilder(String.format(wording.sentence(), title, from)).append("\n\n")
                .append(title).append('\n');
        if (event.reason() != null && !event.reason().isBlank()) {
            text.append('\n').append(REASON.get(lang)).append(": ").append(event.reason()).append('\n');
        }
        if (agreement.kind() == PartnerKind.SUBCONTRACTOR && TO_THE_OTHER_SIDE.contains(event.transition())
            && profile.publicBaseUrl() != null) {
            text.append('\n').append(profile.publicBaseUrl().replaceAll("/+$", "")).append("/portal/tickets/")
                .append(event.ticketId()).append('\n');
        }
        text.append('\n').append(REFERENCE.get(lang)).append(": ").append(event.ticketId()).append('\n');
        try {
            return json.writeValueAsString(new MailContent(String.format(wording.subject(), title, from),
                    text.toString(), List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a notice", e);
        }
    }

    /** The other side's address: a subcontractor's portal address, a partner's contact when it is an address. */
    private static String contactOf(PartnerDirectory.Agreement agreement) {
        String contact = agreement.email() != null ? agreement.email() : agreement.contact();
        return contact != null && MAIL_ADDRESS.matcher(contact).matches() ? contact : null;
    }

    private String titleOf(String ticketId) {
        return jdbc.queryForList("select title from ticket_view where ticket_id = ?", String.class, ticketId).stream()
                   .findFirst().orElse(ticketId);
    }
}
