package io.psa.command.outsourcing;

import io.psa.api.rule.Policy;
import io.psa.api.ticket.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.psa.api.outsourcing.AgreementMessages.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The relationship with one partner. The lead holds it from the invitation; the partner from the moment it joins; a
 * service network or vendor is ACTIVE from the moment it is added; a subcontractor from the moment its contact sets
 * the portal password.
 */
@Aggregate
public class OutsourcingAgreement {
    /** Which states each state may move to: a terminated agreement stays terminated. */
    private static final Map<AgreementState, Set<AgreementState>> NEXT = Map.of(
            AgreementState.INVITED, EnumSet.of(AgreementState.ACTIVE, AgreementState.TERMINATED),
            AgreementState.ACTIVE, EnumSet.of(AgreementState.SUSPENDED, AgreementState.TERMINATED),
            AgreementState.SUSPENDED, EnumSet.of(AgreementState.ACTIVE, AgreementState.TERMINATED),
            AgreementState.TERMINATED, EnumSet.noneOf(AgreementState.class));

    record StateChange(AgreementState from, AgreementState to) {
    }

    static final Policy<StateChange> AGREEMENT_STATE_CHANGE = Policy.stateRule("agreement-state",
            change -> NEXT.get(change.from()).contains(change.to()),
            change -> "The agreement is " + change.from() + "; it cannot become " + change.to() + ".");

    static final Policy<Money> FEE_NOT_NEGATIVE = Policy.valueRule("fee-not-negative",
            fee -> fee != null && !fee.isNegative(), fee -> "A subcontractor's fee cannot be negative.");

    @AggregateIdentifier
    private String agreementId;
    private AgreementState state;
    private Money fee;

    protected OutsourcingAgreement() {
        // for event sourcing
    }

    @CommandHandler
    public OutsourcingAgreement(InvitePartner command) {
        apply(new PartnerInvited(command.agreementId(), command.kind(), command.name(), command.contact()));
    }

    @CommandHandler
    public OutsourcingAgreement(AddNetwork command) {
        apply(new NetworkAdded(command.agreementId(), command.name(), command.language(), command.email(),
                command.webhookUrl()));
    }

    @CommandHandler
    public OutsourcingAgreement(InviteSubcontractor command) {
        FEE_NOT_NEGATIVE.check(command.feePerAcceptance());
        apply(new SubcontractorInvited(command.agreementId(), command.name(), command.email(), command.language(),
                command.feePerAcceptance()));
    }

    @CommandHandler
    void handle(JoinPortal command) {
        if (state == AgreementState.INVITED) {
            AGREEMENT_STATE_CHANGE.check(new StateChange(state, AgreementState.ACTIVE));
            apply(new SubcontractorJoined(agreementId));
        }
    }

    @CommandHandler
    void handle(ChangeSubcontractorFee command) {
        FEE_NOT_NEGATIVE.check(command.feePerAcceptance());
        apply(new SubcontractorFeeChanged(agreementId, fee, command.feePerAcceptance()));
    }

    @CommandHandler
    public OutsourcingAgreement(JoinAgreement command) {
        apply(new AgreementJoined(command.agreementId(), command.leadName(), command.leadBaseUrl(), command.language(),
                command.customerCompanyId()));
    }

    @CommandHandler
    void handle(RecordInvitationAccepted command) {
        AGREEMENT_STATE_CHANGE.check(new StateChange(state, AgreementState.ACTIVE));
        apply(new InvitationAccepted(agreementId, command.partnerName(), command.partnerBaseUrl(), command.language()));
    }

    @CommandHandler
    void handle(ChangeAgreementState command) {
        AGREEMENT_STATE_CHANGE.check(new StateChange(state, command.state()));
        apply(new AgreementStateChanged(agreementId, state, command.state()));
    }

    @EventSourcingHandler
    void on(PartnerInvited event) {
        agreementId = event.agreementId();
        state = AgreementState.INVITED;
    }

    @EventSourcingHandler
    void on(SubcontractorInvited event) {
        agreementId = event.agreementId();
        state = AgreementState.INVITED;
        fee = event.feePerAcceptance();
    }

    @EventSourcingHandler
    void on(SubcontractorJoined event) {
        state = AgreementState.ACTIVE;
    }

    @EventSourcingHandler
    void on(SubcontractorFeeChanged event) {
        fee = event.to();
    }

    @EventSourcingHandler
    void on(NetworkAdded event) {
        agreementId = event.agreementId();
        state = AgreementState.ACTIVE;
    }

    @EventSourcingHandler
    void on(AgreementJoined event) {
        agreementId = event.agreementId();
        state = AgreementState.ACTIVE;
    }

    @EventSourcingHandler
    void on(InvitationAccepted event) {
        state = AgreementState.ACTIVE;
    }

    @EventSourcingHandler
    void on(AgreementStateChanged event) {
        state = event.to();
    }
}
