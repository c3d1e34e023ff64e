package io.psa.command.outsourcing;

import io.psa.api.contract.ContractMessages.CreateCompany;
import io.psa.api.rule.Policy;
import io.psa.api.ticket.Money;
import io.psa.command.portal.PortalAccounts;
import io.psa.platform.outbound.OutboundAddresses;
import io.psa.platform.security.ApiUsers;
import io.psa.platform.web.ProblemAnswer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import io.psa.platform.axon.CommandTransaction;

import java.util.UUID;

import static io.psa.api.outsourcing.AgreementMessages.*;

/**
 * Pairing two instances: the lead invites (an agreement and a one-time code); the partner's admin accepts with the
 * lead's address and the code; the partner's instance calls the lead, which checks the code and the language, and
 * both keep the other's credential. A refusal on either side stores nothing on either side.
 */
@Service
public class PartnerInvitations {
    public record Invitation(String agreementId, String invitationCode) {
    }

    record Languages(String lead, String partner) {
    }

    static final Policy<PartnerDirectory.Profile> OUTSOURCING_ENABLED = Policy.stateRule("outsourcing-enabled",
            profile -> profile.isConfigured() && profile.termsAcceptedBy() != null,
            profile -> "Outsourcing is not set up on this instance: an admin sets its name, language and public address "
                       + "(PUT /api/instance) and accepts the outsourcing terms (POST /api/outsourcing/terms/acceptance).");

    static final Policy<PartnerDirectory.Profile> INSTANCE_CONFIGURED = Policy.stateRule("instance-configured",
            PartnerDirectory.Profile::isConfigured,
            profile -> "Set this instance's name, language and public address first (PUT /api/instance).");

    static final Policy<Languages> SAME_LANGUAGE = Policy.valueRule("same-language",
            languages -> languages.lead().equalsIgnoreCase(languages.partner()),
            languages -> "Outsourcing works only between instances of the same language: the lead's is "
                         + languages.lead() + ", the partner's " + languages.partner() + ".");


    /** A service network or vendor as it is added: how it is reached, and the secret its webhooks are signed with. */
    public record Network(String name, String language, String email, String webhookUrl, String webhookSecret) {
    }

    private final CommandGateway commands;
    private final PartnerDirectory directory;
    private final PartnerClient client;
    private final CommandTransaction transaction;
    private final OutboundAddresses addresses;
    private final PortalAccounts portalAccounts;
    private final Policy<String> portalEmailUnique;

    public PartnerInvitations(CommandGateway commands, PartnerDirectory directory, PartnerClient client,
                              CommandTransaction transaction, OutboundAddresses addresses,
                              PortalAccounts portalAccounts) {
        this.portalAccounts = portalAccounts;
        this.portalEmailUnique = Policy.stateRule("portal-email-unique", email -> !portalAccounts.emailTaken(email),
                email -> "A subcontractor with the portal address " + email + " exists already.");
        this.addresses = addresses;
        this.commands = commands;
        this.directory = directory;
        this.client = client;
        this.transaction = transaction;
    }

    /** On the lead. The code is shown once; only its hash is kept. */
    public Invitation invite(PartnerKind kind, String name, String contact) {
        OUTSOURCING_ENABLED.check(directory.profile());
        String agreementId = UUID.randomUUID().toString();
        String code = ApiUsers.newToken();
        transaction.run(() -> {
            commands.sendAndWait(new InvitePartner(agreementId, kind, name, contact));
            directory.keepInvitationCode(agreementId, code);
        });
        return new Invitation(agreementId, code);
    }

    /**
     * On the lead: a subcontractor's agreement and the portal account of its contact, whose password the answered
     * one-time code sets (only its hash is kept).
     */
    public Invitation inviteSubcontractor(String name, String email, String language, Money feePerAcceptance) {
        OUTSOURCING_ENABLED.check(directory.profile());
        portalEmailUnique.check(email);
        String agreementId = UUID.randomUUID().toString();
        String code = transaction.call(() -> {
            commands.sendAndWait(new InviteSubcontractor(agreementId, name, email, language, feePerAcceptance));
            return portalAccounts.create(agreementId, email);
        });
        return new Invitation(agreementId, code);
    }

    /** On the lead: a network is ACTIVE at once; its webhook address must be one this instance may call. */
    public String addNetwork(Network network) {
        OUTSOURCING_ENABLED.check(directory.profile());
        if (network.webhookUrl() != null) {
            addresses.check(network.webhookUrl());
        }
        String agreementId = UUID.randomUUID().toString();
        transaction.run(() -> {
            commands.sendAndWait(new AddNetwork(agreementId, network.name(), network.language(), network.email(),
                    network.webhookUrl()));
            if (network.webhookSecret() != null) {
                directory.keepWebhookSecret(agreementId, network.webhookSecret());
            }
        });
        return agreementId;
    }

    /** On the partner: asks the lead to accept us, then keeps the agreement and the lead as a customer company. */
    public String accept(String leadBaseUrl, String invitationCode) {
        PartnerDirectory.Profile profile = directory.profile();
        INSTANCE_CONFIGURED.check(profile);
        String ourCredential = ApiUsers.newToken();
        PartnerClient.InvitationConfirmation confirmation = client.acceptInvitation(leadBaseUrl, new PartnerClient.InvitationAnswer(
                invitationCode, profile.name(), profile.language(), profile.publicBaseUrl(), ourCredential));
        String customerCompanyId = UUID.randomUUID().toString();
        transaction.run(() -> {
            commands.sendAndWait(new CreateCompany(customerCompanyId, confirmation.name()));
            commands.sendAndWait(new JoinAgreement(confirmation.agreementId(), confirmation.name(), leadBaseUrl,
                    confirmation.language(), customerCompanyId));
            directory.keepCredentials(confirmation.agreementId(), ourCredential, confirmation.credential());
        });
        return confirmation.agreementId();
    }

    /** On the lead, called by the partner's instance. */
    public PartnerClient.InvitationConfirmation confirm(PartnerClient.InvitationAnswer answer) {
        PartnerDirectory.Agreement agreement = directory.byInvitationCode(answer.invitationCode())
                .filter(found -> found.state() == AgreementState.INVITED)
                .orElseThrow(() -> new ProblemAnswer(HttpStatus.FORBIDDEN,
                        "The invitation code is unknown or has been used already."));
        addresses.check(answer.baseUrl());   // after the code: strangers cannot have this instance resolve names
        PartnerDirectory.Profile profile = directory.profile();
        SAME_LANGUAGE.check(new Languages(profile.language(), answer.language()));
        String leadCredential = ApiUsers.newToken();
        transaction.run(() -> {
            commands.sendAndWait(new RecordInvitationAccepted(agreement.agreementId(), answer.name(), answer.baseUrl(),
                    answer.language()));
            directory.keepCredentials(agreement.agreementId(), leadCredential, answer.credential());
        });
        return new PartnerClient.InvitationConfirmation(agreement.agreementId(), profile.name(), profile.language(),
                leadCredential);
    }
}
