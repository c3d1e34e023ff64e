package io.psa.command.contract;

import io.psa.api.contract.ContractType;
import io.psa.api.contract.ServicePeriod;
import io.psa.api.rule.RuleViolation;
import io.psa.api.rule.UnknownItem;
import io.psa.api.ticket.Money;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static io.psa.api.contract.ContractMessages.*;
import static io.psa.command.contract.ReferenceFixtures.*;

/** Contracts and their services change from an effective date on, in date order, within the contract's term. */
class ContractChangesTest {
    private static final LocalDate START = LocalDate.parse("2026-01-01");
    private static final LocalDate END = LocalDate.parse("2026-12-31");
    private static final ContractCreated CARE = new ContractCreated("c-1", ACME, "Care",
            ContractType.TIME_AND_MATERIALS, START, END, null, Money.of("95"), null);
    /** 36,500 over 365 days: 100 a day. */
    private static final ContractCreated FIXED = new ContractCreated("c-1", ACME, "Care", ContractType.FIXED_PRICE,
            START, END, null, null, Money.of("36500"));
    private static final ContractServiceAdded BACKUP = new ContractServiceAdded("c-1", "s-1", "Backup",
            Money.of("10"), Money.of("4"), new BigDecimal("20"), ServicePeriod.MONTHLY);

    private final AggregateTestFixture<Contract> fixture = new AggregateTestFixture<>(Contract.class);

    ContractChangesTest() {
        fixture.registerInjectableResource(referenceData(null));
    }

    private static void expectRule(ResultValidator<?> result, String rule) {
        result.expectNoEvents().expectException(Matchers.predicate(
                e -> e instanceof RuleViolation violation && violation.rule().equals(rule)));
    }

    private static LocalDate day(String date) {
        return LocalDate.parse(date);
    }

    @Test
    void detailsChangeTheNameAndTheSlaOfNewTickets() {
        fixture.given(CARE).when(new ChangeContractDetails("c-1", "Care plus", PREMIUM_24X7.slaId()))
               .expectEvents(new ContractDetailsChanged("c-1", "Care plus", PREMIUM_24X7.slaId()));
        fixture.given(CARE).when(new ChangeContractDetails("c-1", "Care", null)).expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(CARE).when(new ChangeContractDetails("c-1", "Care", "no-such-sla"))
               .expectNoEvents().expectException(UnknownItem.class);
    }

    @Test
    void termsChangeFromTheirDayWithWhatIsLeftOutKept() {
        fixture.given(CARE).when(new ChangeContractTerms("c-1", day("2026-03-16"), null, Money.of("110"), null))
               .expectEvents(new ContractTermsChanged("c-1", day("2026-03-16"), END, Money.of("110"), null));
        fixture.given(CARE).when(new ChangeContractTerms("c-1", day("2026-06-01"), day("2027-06-30"), null, null))
               .expectEvents(new ContractTermsChanged("c-1", day("2026-06-01"), day("2027-06-30"), Money.of("95"), null));
        fixture.given(CARE).when(new ChangeContractTerms("c-1", day("2026-06-01"), END, Money.of("95"), null))
               .expectNoEvents().expectSuccessfulHandlerExecution();
    }

    @Test
    void aContractIsExtendedAtTheLatestTheDayAfterItEndedAndEndsEarlyNotBeforeTheChange() {
        fixture.given(CARE).when(new ChangeContractTerms("c-1", day("2027-01-01"), day("2027-12-31"), null, null))
               .expectEvents(new ContractTermsChanged("c-1", day("2027-01-01"), day("2027-12-31"), Money.of("95"), null));
        expectRule(fixture.given(CARE).when(new ChangeContractTerms("c-1", day("2027-01-02"), day("2027-12-31"),
                null, null)), "change-within-term");
        expectRule(fixture.given(CARE).when(new ChangeContractTerms("c-1", day("2025-12-31"), null, Money.of("1"),
                null)), "change-within-term");
        fixture.given(CARE).when(new ChangeContractTerms("c-1", day("2026-06-30"), day("2026-06-30"), null, null))
               .expectEvents(new ContractTermsChanged("c-1", day("2026-06-30"), day("2026-06-30"), Money.of("95"), null));
        expectRule(fixture.given(CARE).when(new ChangeContractTerms("c-1", day("2026-07-01"), day("2026-06-30"),
                null, null)), "contract-runs-on-the-change");
        expectRule(fixture.given(CARE).when(new ChangeContractTerms("c-1", day("2026-07-01"), null,
                Money.of("-1"), null)), "amounts-not-negative");
    }

    @Test
    void changesComeInDateOrder() {
        ContractTermsChanged june = new ContractTermsChanged("c-1", day("2026-06-01"), END, Money.of("110"), null);
        expectRule(fixture.given(CARE, june).when(new ChangeContractTerms("c-1", day("2026-05-31"), null,
                Money.of("120"), null)), "changes-in-date-order");
        fixture.given(CARE, june).when(new ChangeContractTerms("c-1", day("2026-06-01"), null, Money.of("120"), null))
               .expectEvents(new ContractTermsChanged("c-1", day("2026-06-01"), END, Money.of("120"), null));
    }

    /** 100 a day: by 11 Jan (10 days) 1,000 is earned, so the value can fall to 1,000 but not below. */
    @Test
    void aFixedPriceContractsValueCoversWhatItHasEarned() {
        fixture.given(FIXED).when(new ChangeContractTerms("c-1", day("2026-01-11"), null, null, Money.of("1000")))
               .expectEvents(new ContractTermsChanged("c-1", day("2026-01-11"), END, null, Money.of("1000")));
        expectRule(fixture.given(FIXED).when(new ChangeContractTerms("c-1", day("2026-01-11"), null, null,
                Money.of("999.99"))), "value-covers-earned-fee");
        // a time-and-materials contract earns no fee: its value is free to change
        fixture.given(CARE).when(new ChangeContractTerms("c-1", day("2026-01-11"), null, null, Money.of("1")))
               .expectEvents(new ContractTermsChanged("c-1", day("2026-01-11"), END, Money.of("95"), Money.of("1")));
    }

    @Test
    void aServiceChangesFromItsDayAndEndsOnItsLastDay() {
        fixture.given(CARE, BACKUP).when(new ChangeContractService("c-1", "s-1", day("2026-03-16"), Money.of("12"),
                        null, null, null))
               .expectEvents(new ContractServiceChanged("c-1", "s-1", day("2026-03-16"), Money.of("12"), Money.of("4"),
                       new BigDecimal("20"), ServicePeriod.MONTHLY));
        fixture.given(CARE, BACKUP).when(new ChangeContractService("c-1", "s-1", day("2026-03-16"), Money.of("10"),
                        null, null, null))
               .expectNoEvents().expectSuccessfulHandlerExecution();
        expectRule(fixture.given(CARE, BACKUP).when(new ChangeContractService("c-1", "s-1", day("2026-03-16"), null,
                null, BigDecimal.ZERO, null)), "service-amounts-valid");
        fixture.given(CARE, BACKUP).when(new ChangeContractService("c-1", "s-9", day("2026-03-16"), Money.of("12"),
                null, null, null)).expectNoEvents().expectException(UnknownItem.class);
        fixture.given(CARE, BACKUP).when(new EndContractService("c-1", "s-1", day("2026-04-30")))
               .expectEvents(new ContractServiceEnded("c-1", "s-1", day("2026-04-30")));
    }

    @Test
    void anEndedServiceDoesNotChangeAfterItsLastDayAndEndsNotBeforeItsLatestChange() {
        ContractServiceEnded ended = new ContractServiceEnded("c-1", "s-1", day("2026-04-30"));
        expectRule(fixture.given(CARE, BACKUP, ended).when(new ChangeContractService("c-1", "s-1", day("2026-05-01"),
                Money.of("12"), null, null, null)), "service-ended");
        fixture.given(CARE, BACKUP, ended).when(new ChangeContractService("c-1", "s-1", day("2026-04-30"),
                        Money.of("12"), null, null, null))
               .expectEvents(new ContractServiceChanged("c-1", "s-1", day("2026-04-30"), Money.of("12"), Money.of("4"),
                       new BigDecimal("20"), ServicePeriod.MONTHLY));
        ContractServiceChanged march = new ContractServiceChanged("c-1", "s-1", day("2026-03-16"), Money.of("12"),
                Money.of("4"), new BigDecimal("20"), ServicePeriod.MONTHLY);
        expectRule(fixture.given(CARE, BACKUP, march).when(new EndContractService("c-1", "s-1", day("2026-03-14"))),
                "service-ends-after-its-latest-change");
        fixture.given(CARE, BACKUP, march).when(new EndContractService("c-1", "s-1", day("2026-03-15")))
               .expectEvents(new ContractServiceEnded("c-1", "s-1", day("2026-03-15")));
        expectRule(fixture.given(CARE, BACKUP, march).when(new ChangeContractService("c-1", "s-1",
                day("2026-03-15"), Money.of("13"), null, null, null)), "changes-in-date-order");
    }

    /** The contract ended before the service's latest change took effect: the service may end with the contract. */
    @Test
    void aServiceEndsWithItsContractEvenBeforeItsLatestChange() {
        ContractServiceChanged june = new ContractServiceChanged("c-1", "s-1", day("2026-06-01"), Money.of("12"),
                Money.of("4"), new BigDecimal("20"), ServicePeriod.MONTHLY);
        ContractTermsChanged endedInMarch = new ContractTermsChanged("c-1", day("2026-03-01"), day("2026-03-31"),
                Money.of("95"), null);
        fixture.given(CARE, BACKUP, june, endedInMarch).when(new EndContractService("c-1", "s-1", day("2026-03-31")))
               .expectEvents(new ContractServiceEnded("c-1", "s-1", day("2026-03-31")));
        expectRule(fixture.given(CARE, BACKUP, june, endedInMarch).when(new EndContractService("c-1", "s-1",
                day("2026-03-30"))), "service-ends-after-its-latest-change");
    }
}
