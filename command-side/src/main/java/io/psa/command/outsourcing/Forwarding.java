package io.psa.command.outsourcing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.psa.api.outsourcing.DeliveryResult;
import io.psa.api.outsourcing.ForwardChannel;
import io.psa.api.outsourcing.ForwardedTicket;
import io.psa.command.CommandLookups;
import io.psa.command.outbox.DeliveryListener;
import io.psa.command.outbox.MailContent;
import io.psa.command.outbox.Outbox;
import io.psa.platform.axon.AuditMetadata;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.psa.api.ticket.TicketCommands.RecordForwardDelivery;
import static io.psa.api.ticket.TicketEvents.TicketForwarded;

/**
 * Forwards to service networks and vendors: a forwarded ticket becomes one outbox message per channel, written in the
 * transaction of its event (processing group command-lookups), so it is sent exactly when the forward happened, also
 * when the request is retried with its Idempotency-Key. Each try of a forward's delivery is recorded on the ticket;
 * a failure is also the network's last error and counted ({@code psa_forward_failures_total}).
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class Forwarding implements DeliveryListener {
    /** The webhook's body, as the network receives it (each attachment also carries its content). */
    record WebhookBody(String forwardId, String ticketId, String from, String to, String title, String description,
                       Integer priority, io.psa.api.outsourcing.OutsourcingTerms terms, List<Note> notes,
                       List<Attachment> attachments) {
        record Note(String noteId, String title, String text) {
        }

        record Attachment(String attachmentId, String title, String fileName, String contentType, long size,
                          String sha256) {
        }
    }

    private final Outbox outbox;
    private final PartnerDirectory directory;
    private final PartnerSubscriptions subscriptions;
    private final CommandGateway commands;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public Forwarding(Outbox outbox, PartnerDirectory directory, PartnerSubscriptions subscriptions,
                      CommandGateway commands, ObjectMapper json, MeterRegistry metrics) {
        this.outbox = outbox;
        this.directory = directory;
        this.subscriptions = subscriptions;
        this.commands = commands;
        this.json = json;
        this.metrics = metrics;
    }

    @EventHandler
    void on(TicketForwarded event) {
        PartnerDirectory.Agreement network = directory.find(event.agreementId()).orElseThrow();
        String from = directory.profile().name();
        for (ForwardChannel channel : event.channels()) {
            String payload = channel == ForwardChannel.EMAIL ? mail(event, network, from) : webhook(event, network, from);
            outbox.enqueue(channel, event.agreementId(), event.ticketId(), event.forwardId(),
                    channel == ForwardChannel.EMAIL ? network.email() : network.webhookUrl(), payload);
        }
    }

    @Override
    public void tried(Outbox.Message message, DeliveryResult result, int attempt, String reason) {
        if (message.forwardId() == null) {
            return;
        }
        commands.sendAndWait(AuditMetadata.onBehalfOf(AuditMetadata.SYSTEM_ACTOR, new RecordForwardDelivery(
                message.ticketId(), message.forwardId(), message.channel(), result, attempt, reason)));
        if (result != DeliveryResult.DELIVERED) {
            subscriptions.recordError(message.agreementId(), message.channel() + " delivery of a forward: " + reason);
            metrics.counter("psa.forward.failures", "agreement", message.agreementId(), "channel",
                    message.channel().name()).increment();
        }
    }

    private String webhook(TicketForwarded event, PartnerDirectory.Agreement network, String from) {
        ForwardedTicket ticket = event.forwarded();
        return write(new WebhookBody(event.forwardId(), event.ticketId(), from, network.name(), ticket.title(),
                ticket.description(), ticket.priority() == null ? null : ticket.priority().level(), ticket.terms(),
                ticket.notes().stream().map(note -> new WebhookBody.Note(note.noteId(), note.content().title(),
                        note.content().text())).toList(),
                ticket.attachments().stream().map(file -> new WebhookBody.Attachment(file.attachmentId(),
                        file.content().title(), file.file().fileName(), file.file().contentType(), file.file().size(),
                        file.file().sha256())).toList()));
    }

    private String mail(TicketForwarded event, PartnerDirectory.Agreement network, String from) {
        ForwardedTicket ticket = event.forwarded();
        ForwardTexts texts = ForwardTexts.of(network.language());
        return write(new MailContent(texts.subject(from, ticket.title()), texts.body(from, network.name(),
                event.ticketId(), ticket), ticket.attachments().stream().map(file -> new MailContent.File(
                file.file().fileName(), file.file().contentType(), file.file().sha256())).toList()));
    }

    /** The language of a tag such as de-AT (de), for choosing the words of a mail. */
    static String baseLanguage(String tag) {
        return tag == null ? "en" : tag.toLowerCase(java.util.Locale.ROOT).split("-")[0];
    }

    private String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an outbox message", e);
        }
    }

    /** The mail's words in the network's language (German or English; others get English). */
    record ForwardTexts(String subject, String intro, String priority, String description, String terms,
                        String hourlyRate, String notes, String attachments, String reference) {
        private static final Map<String, ForwardTexts> BY_LANGUAGE = Map.of(
                "de", new ForwardTexts("[%s] Weitergeleitetes Ticket: %s", "%s leitet dieses Ticket an %s weiter.",
                        "Priorität", "Beschreibung", "Bedingungen", "Stundensatz", "Notizen",
                        "%d Datei(en) im Anhang.", "Referenz"),
                "en", new ForwardTexts("[%s] Forwarded ticket: %s", "%s forwards this ticket to %s.", "Priority",
                        "Description", "Terms", "Hourly rate", "Notes", "%d file(s) attached.", "Reference"));

        static ForwardTexts of(String language) {
            return BY_LANGUAGE.getOrDefault(baseLanguage(language), BY_LANGUAGE.get("en"));
        }

        String subject(String from, String title) {
            return String.format(subject, from, title);
        }

        String body(String from, String network, String ticketId, ForwardedTicket ticket) {
            StringBuilder text = new StringBuilder(String.format(intro, from, network)).append("\n\n")
                    .append(ticket.title()).append('\n');
            if (ticket.priority() != null) {
                text.append(priority).append(": ").append(ticket.priority().level()).append('\n');
            }
            if (ticket.description() != null) {
                text.append('\n').append(description).append(":\n").append(ticket.description()).append('\n');
            }
            if (ticket.terms() != null && (ticket.terms().description() != null || ticket.terms().hourlyRate() != null)) {
                text.append('\n').append(terms).append(": ").append(ticket.terms().description() == null ? ""
                        : ticket.terms().description());
                if (ticket.terms().hourlyRate() != null && ticket.terms().hourlyRate().amount().signum() > 0) {
                    text.append(" (").append(hourlyRate).append(' ').append(ticket.terms().hourlyRate().shown())
                        .append(')');
                }
                text.append('\n');
            }
            if (!ticket.notes().isEmpty()) {
                text.append('\n').append(notes).append(":\n").append(ticket.notes().stream()
                        .map(note -> "- " + note.content().title() + ": " + note.content().text())
                        .collect(Collectors.joining("\n"))).append('\n');
            }
            if (!ticket.attachments().isEmpty()) {
                text.append('\n').append(String.format(attachments, ticket.attachments().size())).append('\n');
            }
            return text.append('\n').append(reference).append(": ").append(ticketId).append('\n').toString();
        }
    }
}
