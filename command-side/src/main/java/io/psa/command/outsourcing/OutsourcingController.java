package io.psa.command.outsourcing;

import io.psa.api.outsourcing.ForwardChannel;
import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.api.outsourcing.OutsourcingTerms;
import io.psa.api.outsourcing.OutsourcingTransition;
import io.psa.api.rule.Policy;
import io.psa.api.rule.UnknownItem;
import io.psa.api.ticket.Money;
import io.psa.platform.Now;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.psa.platform.validation.Amount;
import io.psa.platform.validation.InDateRange;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import io.psa.platform.axon.CommandTransaction;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.psa.api.outsourcing.AgreementMessages.AgreementState;
import static io.psa.api.outsourcing.AgreementMessages.PartnerKind;
import static io.psa.api.ticket.TicketCommands.ForwardTicket;
import static io.psa.api.ticket.TicketCommands.MoveOutsourcing;
import static io.psa.api.ticket.TicketCommands.OutsourceTicket;

import static io.psa.api.rule.Limits.*;

/** The outsourcing workflow of a ticket: the lead's moves under /outsourcing, the partner's under /insourcing. */
@RestController
@RequestMapping("/api/tickets/{ticketId}")
@Tag(name = "Outsourcing commands")
public class OutsourcingController {
    record TermsRequest(@Size(max = SUMMARY_LENGTH) String description, @PositiveOrZero @Amount BigDecimal hourlyRate) {
    }

    /**
     * To a partner: the terms, an optional accept-by time, and whether to send at once. To a network (a forward): the
     * terms and the EXTERNAL notes and attachments to send ({@code noteIds}, {@code attachmentIds}; all EXTERNAL
     * ones when left out).
     */
    record OutsourceRequest(@NotBlank @Size(max = ID_LENGTH) String agreementId, @Valid TermsRequest terms,
                            @InDateRange OffsetDateTime acceptBy, Boolean send,
                            @Size(max = 200) List<@NotBlank @Size(max = ID_LENGTH) String> noteIds,
                            @Size(max = 200) List<@NotBlank @Size(max = ID_LENGTH) String> attachmentIds) {
    }

    record ReasonRequest(@Size(max = SUMMARY_LENGTH) String reason) {
    }

    private static final Map<String, OutsourcingTransition> LEAD_MOVES = Map.of("send", OutsourcingTransition.SEND,
            "cancel", OutsourcingTransition.CANCEL, "approve", OutsourcingTransition.APPROVE,
            "reject", OutsourcingTransition.REJECT, "complete", OutsourcingTransition.COMPLETE);
    private static final Map<String, OutsourcingTransition> PARTNER_MOVES = Map.of(
            "accept", OutsourcingTransition.ACCEPT, "decline", OutsourcingTransition.DECLINE,
            "complete", OutsourcingTransition.REPORT_DONE);

    static final Policy<PartnerDirectory.Agreement> ACTIVE_AGREEMENT_AS_LEAD = Policy.stateRule("agreement-active",
            agreement -> agreement.state() == AgreementState.ACTIVE && agreement.side() == OutsourcingSide.LEAD,
            agreement -> agreement.side() != OutsourcingSide.LEAD
                    ? "In agreement " + agreement.agreementId() + " this instance is the partner; it outsources to "
                      + "partners it invited."
                    : "The agreement with " + agreement.name() + " is " + agreement.state() + ", not ACTIVE.");

    static final Policy<Instant> ACCEPT_BY_IN_FUTURE = Policy.valueRule("accept-by-in-future",
            acceptBy -> acceptBy == null || acceptBy.isAfter(Now.instant()),
            acceptBy -> "acceptBy " + acceptBy + " has passed already.");

    private final CommandGateway commands;
    private final PartnerDirectory directory;
    private final CommandTransaction transaction;

    public OutsourcingController(CommandGateway commands, PartnerDirectory directory, CommandTransaction transaction) {
        this.commands = commands;
        this.directory = directory;
        this.transaction = transaction;
    }

    /** Chooses the partner and terms; sends at once unless {@code send} is false (then UNSENT). */
    @PostMapping("/outsourcing")
    public ResponseEntity<Void> outsource(@PathVariable String ticketId, @Valid @RequestBody OutsourceRequest request) {
        PartnerInvitations.OUTSOURCING_ENABLED.check(directory.profile());
        PartnerDirectory.Agreement agreement = directory.find(request.agreementId())
                .orElseThrow(() -> new UnknownItem("agreement", request.agreementId()));
        ACTIVE_AGREEMENT_AS_LEAD.check(agreement);
        TermsRequest terms = request.terms() != null ? request.terms() : new TermsRequest(null, null);
        OutsourcingTerms agreed = new OutsourcingTerms(terms.description(),
                Money.of(terms.hourlyRate() != null ? terms.hourlyRate() : BigDecimal.ZERO));
        if (agreement.kind() == PartnerKind.NETWORK) {
            commands.sendAndWait(new ForwardTicket(ticketId, agreement.agreementId(), agreement.name(),
                    UUID.randomUUID().toString(), agreed, request.noteIds(), request.attachmentIds(),
                    channels(agreement)));
            return ResponseEntity.noContent().build();
        }
        if (request.noteIds() != null || request.attachmentIds() != null) {
            throw new IllegalArgumentException("Invalid fields: noteIds and attachmentIds are for forwards to a "
                                               + "network; a partner gets all EXTERNAL items.");
        }
        Instant acceptBy = request.acceptBy() == null ? null : request.acceptBy().toInstant();
        ACCEPT_BY_IN_FUTURE.check(acceptBy);
        transaction.run(() -> {
            commands.sendAndWait(new OutsourceTicket(ticketId, agreement.agreementId(), agreement.name(), agreed,
                    acceptBy));
            if (request.send() == null || request.send()) {
                commands.sendAndWait(new MoveOutsourcing(ticketId, OutsourcingTransition.SEND, null));
            }
        });
        return ResponseEntity.noContent().build();
    }

    private static Set<ForwardChannel> channels(PartnerDirectory.Agreement network) {
        Set<ForwardChannel> channels = EnumSet.noneOf(ForwardChannel.class);
        if (network.email() != null) {
            channels.add(ForwardChannel.EMAIL);
        }
        if (network.webhookUrl() != null) {
            channels.add(ForwardChannel.WEBHOOK);
        }
        return channels;
    }

    @PostMapping("/outsourcing/{move}")
    public ResponseEntity<Void> leadMove(@PathVariable String ticketId, @PathVariable String move,
                                         @Valid @RequestBody(required = false) ReasonRequest request) {
        return moveBy(LEAD_MOVES, ticketId, move, request);
    }

    @PostMapping("/insourcing/{move}")
    public ResponseEntity<Void> partnerMove(@PathVariable String ticketId, @PathVariable String move,
                                            @Valid @RequestBody(required = false) ReasonRequest request) {
        return moveBy(PARTNER_MOVES, ticketId, move, request);
    }

    private ResponseEntity<Void> moveBy(Map<String, OutsourcingTransition> moves, String ticketId, String move,
                                        ReasonRequest request) {
        OutsourcingTransition transition = moves.get(move);
        if (transition == null) {
            throw new UnknownItem("move", move);
        }
        boolean needsReason = transition == OutsourcingTransition.REJECT || transition == OutsourcingTransition.DECLINE;
        if (needsReason && (request == null || request.reason() == null || request.reason().isBlank())) {
            throw new IllegalArgumentException("Invalid fields: reason: required to " + move + ".");
        }
        commands.sendAndWait(new MoveOutsourcing(ticketId, transition, request != null ? request.reason() : null));
        return ResponseEntity.noContent().build();
    }
}
