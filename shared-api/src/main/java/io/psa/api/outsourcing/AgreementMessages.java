package io.psa.api.outsourcing;

import io.psa.api.message.StoredAs;
import org.axonframework.serialization.Revision;
import io.psa.api.ticket.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Outsourcing agreements between two parties. Both instances keep the agreement under the same id: the lead (who
 * invited) and the partner (who accepted). Credentials are never in these messages: they are kept hashed beside.
 */
public final class AgreementMessages {
    private AgreementMessages() {
    }

    public enum PartnerKind { PARTNER, SUBCONTRACTOR, NETWORK }

    public enum AgreementState { INVITED, ACTIVE, SUSPENDED, TERMINATED }

    public record InvitePartner(@TargetAggregateIdentifier String agreementId, PartnerKind kind, String name,
                                String contact) {
    }

    @StoredAs("agreement.PartnerInvited")
    @Revision("1")
    public record PartnerInvited(String agreementId, PartnerKind kind, String name, String contact) {
    }

    /** On the lead: the partner's instance accepted the invitation. */
    public record RecordInvitationAccepted(@TargetAggregateIdentifier String agreementId, String partnerName,
                                           String partnerBaseUrl, String language) {
    }

    @StoredAs("agreement.InvitationAccepted")
    @Revision("1")
    public record InvitationAccepted(String agreementId, String partnerName, String partnerBaseUrl, String language) {
    }

    /** On the partner: it joined the lead's agreement; the lead is its customer company there. */
    public record JoinAgreement(@TargetAggregateIdentifier String agreementId, String leadName, String leadBaseUrl,
                                String language, String customerCompanyId) {
    }

    @StoredAs("agreement.AgreementJoined")
    @Revision("1")
    public record AgreementJoined(String agreementId, String leadName, String leadBaseUrl, String language,
                                  String customerCompanyId) {
    }

    /**
     * A service network or vendor joins the network list, ACTIVE at once: it runs no instance, so there is nothing
     * to accept. It is reached by e-mail, by a signed webhook, or both (the webhook's secret is kept beside, never in
     * an event).
     */
    public record AddNetwork(@TargetAggregateIdentifier String agreementId, String name, String language, String email,
                             String webhookUrl) {
    }

    @StoredAs("agreement.NetworkAdded")
    @Revision("1")
    public record NetworkAdded(String agreementId, String name, String language, String email, String webhookUrl) {
    }

    /**
     * A subcontractor, who works through the portal on this instance: INVITED until its contact sets a password
     * (then ACTIVE). Each ticket it accepts costs the lead {@code feePerAcceptance}.
     */
    public record InviteSubcontractor(@TargetAggregateIdentifier String agreementId, String name, String email,
                                      String language, Money feePerAcceptance) {
    }

    @StoredAs("agreement.SubcontractorInvited")
    @Revision("1")
    public record SubcontractorInvited(String agreementId, String name, String email, String language,
                                       Money feePerAcceptance) {
    }

    /** The subcontractor's contact set the portal password for the first time. */
    public record JoinPortal(@TargetAggregateIdentifier String agreementId) {
    }

    @StoredAs("agreement.SubcontractorJoined")
    @Revision("1")
    public record SubcontractorJoined(String agreementId) {
    }

    public record ChangeSubcontractorFee(@TargetAggregateIdentifier String agreementId, Money feePerAcceptance) {
    }

    @StoredAs("agreement.SubcontractorFeeChanged")
    @Revision("1")
    public record SubcontractorFeeChanged(String agreementId, Money from, Money to) {
    }

    public record ChangeAgreementState(@TargetAggregateIdentifier String agreementId, AgreementState state) {
    }

    @StoredAs("agreement.AgreementStateChanged")
    @Revision("1")
    public record AgreementStateChanged(String agreementId, AgreementState from, AgreementState to) {
    }
}
