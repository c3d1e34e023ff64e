package io.psa.command.outsourcing;

import io.psa.api.rule.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.Test;

import static io.psa.api.outsourcing.AgreementMessages.*;

/** The agreement's life: invited, active, suspended, terminated for good. */
class OutsourcingAgreementTest {
    private static final PartnerInvited INVITED = new PartnerInvited("ag-1", PartnerKind.PARTNER, "Partner AG", null);
    private static final InvitationAccepted ACCEPTED = new InvitationAccepted("ag-1", "p", "http://p", "de");

    private final AggregateTestFixture<OutsourcingAgreement> fixture =
            new AggregateTestFixture<>(OutsourcingAgreement.class);

    @Test
    void anActiveAgreementCanBeSuspended() {
        fixture.given(INVITED, ACCEPTED)
               .when(new ChangeAgreementState("ag-1", AgreementState.SUSPENDED))
               .expectEvents(new AgreementStateChanged("ag-1", AgreementState.ACTIVE, AgreementState.SUSPENDED));
    }

    @Test
    void aTerminatedAgreementStaysTerminated() {
        fixture.given(INVITED, new AgreementStateChanged("ag-1", AgreementState.INVITED, AgreementState.TERMINATED))
               .when(new ChangeAgreementState("ag-1", AgreementState.ACTIVE))
               .expectNoEvents()
               .expectException(Matchers.predicate(e -> e instanceof RuleViolation v && v.rule().equals("agreement-state")));
    }

    @Test
    void anInvitationIsAcceptedOnce() {
        fixture.given(INVITED, ACCEPTED)
               .when(new RecordInvitationAccepted("ag-1", "p", "http://p", "de"))
               .expectNoEvents()
               .expectException(Matchers.predicate(e -> e instanceof RuleViolation v && v.rule().equals("agreement-state")));
    }
}
