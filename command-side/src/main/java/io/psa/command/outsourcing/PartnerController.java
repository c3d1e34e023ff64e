package io.psa.command.outsourcing;

import io.psa.api.query.Page;
import io.psa.api.rule.Policy;
import io.psa.api.ticket.Money;
import io.psa.command.CreatedAnswers;
import io.psa.command.portal.PortalAccounts;
import io.psa.platform.PsaProperties;
import io.psa.platform.validation.Amount;
import jakarta.validation.constraints.PositiveOrZero;
import io.psa.platform.outbound.OutboundAddresses;
import io.psa.platform.web.OneTimeSecret;
import io.psa.platform.web.Paging;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;

import static io.psa.api.outsourcing.AgreementMessages.*;
import static io.psa.api.outsourcing.InstanceMessages.*;

/**
 * The instance profile, the outsourcing terms and the partners. Served by the command side, which runs the
 * subscribers whose lag and errors the partner views show.
 */
@RestController
@Tag(name = "Outsourcing set-up and partners")
public class PartnerController {
    record InstanceRequest(@NotBlank @Size(max = 200) String name,
                           @NotBlank @Pattern(regexp = PartnerClient.LANGUAGE,
                                   message = "use a language tag such as de or en") String language,
                           @NotBlank @Pattern(regexp = "https?://\\S+", message = "use an http(s) URL")
                           @Size(max = OutboundAddresses.MAX_LENGTH) String publicBaseUrl,
                           @Email @Size(max = 320) String outsourcingContact) {
    }

    /**
     * A PARTNER is invited by its name (and a contact); a NETWORK is added with its language and how it is reached:
     * an e-mail address, a webhook URL with the secret its calls are signed with, or both.
     */
    record InvitationRequest(@NotNull PartnerKind kind, @NotBlank @Size(max = 200) String name,
                             @Size(max = 500) String contact,
                             @Pattern(regexp = PartnerClient.LANGUAGE, message = "use a language tag such as de or en")
                             String language,
                             @Email @Size(max = 320) String email,
                             @Pattern(regexp = "https?://\\S+", message = "use an http(s) URL")
                             @Size(max = OutboundAddresses.MAX_LENGTH) String webhookUrl,
                             @Size(min = 16, max = 200) String webhookSecret,
                             @PositiveOrZero @Amount BigDecimal feePerAcceptance) {
        @AssertTrue(message = "a network needs its language and an e-mail address, a webhook URL or both")
        boolean isNetworkReachable() {
            return kind != PartnerKind.NETWORK || language != null && (email != null || webhookUrl != null);
        }

        @AssertTrue(message = "a subcontractor needs its language and the e-mail address of its portal account")
        boolean isSubcontractorReachable() {
            return kind != PartnerKind.SUBCONTRACTOR || language != null && email != null;
        }

        @AssertTrue(message = "a webhook needs a webhookSecret (16 to 200 characters) to sign its calls")
        boolean isWebhookSigned() {
            return webhookUrl == null || webhookSecret != null;
        }
    }

    /**
     * The code is shown in this answer only (for a subcontractor with the portal link that sets its password); a
     * replay of it for the same Idempotency-Key leaves them out.
     */
    record InvitationCreated(String id, String invitationCode, String passwordLink) implements OneTimeSecret {
        @Override
        public Object withoutSecret() {
            return new InvitationCreated(id, null, null);
        }
    }

    record FeeRequest(@NotNull @PositiveOrZero @Amount BigDecimal feePerAcceptance) {
    }

    /** A new portal code for a subcontractor's contact, shown once. */
    record PortalCode(String passwordLink) implements OneTimeSecret {
        @Override
        public Object withoutSecret() {
            return new PortalCode(null);
        }
    }

    record AcceptanceRequest(@NotBlank @Pattern(regexp = "https?://\\S+", message = "use an http(s) URL")
                             @Size(max = OutboundAddresses.MAX_LENGTH) String leadBaseUrl, @NotBlank @Size(max = 200) String invitationCode) {
    }

    static final Policy<PartnerDirectory.Agreement> SUBCONTRACTOR = Policy.stateRule("subcontractor-agreement",
            agreement -> agreement.kind() == PartnerKind.SUBCONTRACTOR,
            agreement -> "Agreement " + agreement.agreementId() + " is with a " + agreement.kind()
                         + ", not a subcontractor.");

    private final CommandGateway commands;
    private final PartnerDirectory directory;
    private final PartnerInvitations invitations;
    private final PartnerSubscriptions subscriptions;
    private final PortalAccounts portalAccounts;
    private final PsaProperties properties;

    public PartnerController(CommandGateway commands, PartnerDirectory directory, PartnerInvitations invitations,
                             PartnerSubscriptions subscriptions, PortalAccounts portalAccounts,
                             PsaProperties properties) {
        this.portalAccounts = portalAccounts;
        this.properties = properties;
        this.commands = commands;
        this.directory = directory;
        this.invitations = invitations;
        this.subscriptions = subscriptions;
    }

    @PutMapping("/api/instance")
    public PartnerDirectory.Profile configure(@Valid @RequestBody InstanceRequest request) {
        commands.sendAndWait(new ConfigureInstance(THIS_INSTANCE, request.name(), request.language().toLowerCase(),
                request.publicBaseUrl(), request.outsourcingContact()));
        return directory.profile();
    }

    @GetMapping("/api/instance")
    public PartnerDirectory.Profile profile() {
        return directory.profile();
    }

    /** An admin accepts the outsourcing terms; with the profile set, this instance may outsource. */
    @PostMapping("/api/outsourcing/terms/acceptance")
    public PartnerDirectory.Profile acceptTerms() {
        commands.sendAndWait(new AcceptOutsourcingTerms(THIS_INSTANCE));
        return directory.profile();
    }

    /**
     * Answers the agreement id and the one-time code the partner's admin needs; the code is not shown again. A
     * network is added at once and has no code.
     */
    @PostMapping("/api/partners/invitations")
    @io.psa.platform.web.Creates
    public ResponseEntity<InvitationCreated> invite(@Valid @RequestBody InvitationRequest request) {
        if (request.kind() == PartnerKind.NETWORK) {
            String agreementId = invitations.addNetwork(new PartnerInvitations.Network(request.name(),
                    request.language().toLowerCase(), request.email(), request.webhookUrl(), request.webhookSecret()));
            return ResponseEntity.created(URI.create("/api/partners/" + agreementId))
                                 .body(new InvitationCreated(agreementId, null, null));
        }
        if (request.kind() == PartnerKind.SUBCONTRACTOR) {
            PartnerInvitations.Invitation invitation = invitations.inviteSubcontractor(request.name(), request.email(),
                    request.language().toLowerCase(), Money.of(request.feePerAcceptance() != null
                            ? request.feePerAcceptance() : properties.subcontractorFee()));
            return ResponseEntity.created(URI.create("/api/partners/" + invitation.agreementId()))
                                 .body(new InvitationCreated(invitation.agreementId(), invitation.invitationCode(),
                                         passwordLink(invitation.invitationCode())));
        }
        PartnerInvitations.Invitation invitation = invitations.invite(request.kind(), request.name(), request.contact());
        return ResponseEntity.created(URI.create("/api/partners/" + invitation.agreementId()))
                             .body(new InvitationCreated(invitation.agreementId(), invitation.invitationCode(), null));
    }

    /** A subcontractor's fee per accepted ticket, from now on (fees charged before stay as they were). */
    @PutMapping("/api/partners/{agreementId}/fee")
    public ResponseEntity<Void> changeFee(@PathVariable String agreementId, @Valid @RequestBody FeeRequest request) {
        SUBCONTRACTOR.check(require(agreementId));
        commands.sendAndWait(new ChangeSubcontractorFee(agreementId, Money.of(request.feePerAcceptance())));
        return ResponseEntity.noContent().build();
    }

    /** A new password link for a subcontractor's contact; the previous one stops working. */
    @PostMapping("/api/partners/{agreementId}/portal-code")
    public PortalCode renewPortalCode(@PathVariable String agreementId) {
        SUBCONTRACTOR.check(require(agreementId));
        return new PortalCode(passwordLink(portalAccounts.renewCode(agreementId).orElseThrow()));
    }

    private String passwordLink(String code) {
        String base = directory.profile().publicBaseUrl();
        return (base == null ? "" : base.replaceAll("/+$", "")) + "/portal/password?code=" + code;
    }

    /** On the partner's instance: contacts the lead, which checks the code and the language. */
    @PostMapping("/api/partners/invitations/acceptance")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "502", description = "The lead could not "
            + "be reached or answered wrongly", content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "application/problem+json"))
    public ResponseEntity<CreatedAnswers.Created> accept(@Valid @RequestBody AcceptanceRequest request) {
        String agreementId = invitations.accept(request.leadBaseUrl(), request.invitationCode());
        return CreatedAnswers.created("/api/partners/" + agreementId, agreementId);
    }

    @GetMapping("/api/partners")
    public Page<PartnerSubscriptions.PartnerView> partners(@Valid Paging paging) {
        return paging.of(directory.all().stream().map(subscriptions::view).toList(),
                PartnerSubscriptions.PartnerView::name);
    }

    @GetMapping("/api/partners/{agreementId}")
    public PartnerSubscriptions.PartnerView partner(@PathVariable String agreementId) {
        return subscriptions.view(require(agreementId));
    }

    @PostMapping("/api/partners/{agreementId}/suspension")
    public ResponseEntity<Void> suspend(@PathVariable String agreementId) {
        return changeState(agreementId, AgreementState.SUSPENDED);
    }

    @PostMapping("/api/partners/{agreementId}/resumption")
    public ResponseEntity<Void> resume(@PathVariable String agreementId) {
        return changeState(agreementId, AgreementState.ACTIVE);
    }

    @PostMapping("/api/partners/{agreementId}/termination")
    public ResponseEntity<Void> terminate(@PathVariable String agreementId) {
        return changeState(agreementId, AgreementState.TERMINATED);
    }

    private ResponseEntity<Void> changeState(String agreementId, AgreementState state) {
        commands.sendAndWait(new ChangeAgreementState(require(agreementId).agreementId(), state));
        return ResponseEntity.noContent().build();
    }

    private PartnerDirectory.Agreement require(String agreementId) {
        return directory.find(agreementId).orElseThrow(() -> new io.psa.api.rule.UnknownItem("agreement", agreementId));
    }
}
