package io.psa.command.contract;

import io.psa.api.contract.ContractType;
import io.psa.api.contract.ServicePeriod;
import io.psa.api.contract.SlaHours;
import io.psa.api.contract.SlaTarget;
import io.psa.api.contract.SlaTerms;
import io.psa.api.rule.RuleViolation;
import io.psa.api.rule.UnknownItem;
import io.psa.api.ticket.Money;
import io.psa.api.ticket.Priority;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Map;

import static io.psa.api.contract.ContractMessages.*;
import static io.psa.command.contract.ReferenceFixtures.*;

/** The rules of companies, SLAs and contracts. */
class ReferenceDataRulesTest {
    private static final LocalDate START = LocalDate.parse("2026-01-01");
    private static final LocalDate END = LocalDate.parse("2026-12-31");

    private static <T> AggregateTestFixture<T> fixture(Class<T> type) {
        AggregateTestFixture<T> fixture = new AggregateTestFixture<>(type);
        fixture.registerInjectableResource(referenceData(null));
        return fixture;
    }

    private static void expectRule(ResultValidator<?> result, String rule) {
        result.expectNoEvents().expectException(Matchers.predicate(
                e -> e instanceof RuleViolation violation && violation.rule().equals(rule)));
    }

    @Test
    void aCompanysDefaultContractIsOneOfItsOwn() {
        fixture(Company.class).given(new CompanyCreated(ACME, "Acme")).when(new SetDefaultContract(ACME, "c-desk"))
                              .expectEvents(new DefaultContractSet(ACME, "c-desk"));
        expectRule(fixture(Company.class).given(new CompanyCreated(ACME, "Acme"))
                                         .when(new SetDefaultContract(ACME, "c-globex")), "default-contract-of-the-company");
    }

    @Test
    void aContractEndsAfterItStartsAndNeedsAKnownCompanyAndSla() {
        fixture(Contract.class).givenNoPriorActivity()
                .when(new CreateContract("c-1", ACME, "Care", ContractType.TIME_AND_MATERIALS, START, END,
                        PREMIUM_24X7.slaId(), Money.of("95"), null))
                .expectEvents(new ContractCreated("c-1", ACME, "Care", ContractType.TIME_AND_MATERIALS, START, END,
                        PREMIUM_24X7.slaId(), Money.of("95"), null));
        expectRule(fixture(Contract.class).givenNoPriorActivity().when(new CreateContract("c-1", ACME, "Care",
                ContractType.FIXED_PRICE, END, START, null, null, null)), "contract-ends-after-it-starts");
        fixture(Contract.class).givenNoPriorActivity().when(new CreateContract("c-1", "nobody", "Care",
                ContractType.FIXED_PRICE, START, END, null, null, null)).expectNoEvents().expectException(UnknownItem.class);
        fixture(Contract.class).givenNoPriorActivity().when(new CreateContract("c-1", ACME, "Care",
                ContractType.FIXED_PRICE, START, END, "no-sla", null, null)).expectNoEvents().expectException(UnknownItem.class);
    }

    @Test
    void aServiceHasUnitsAndNoNegativeAmounts() {
        ContractCreated created = new ContractCreated("c-1", ACME, "Care", ContractType.RECURRING_SERVICE, START, END,
                null, null, null);
        fixture(Contract.class).given(created).when(new AddContractService("c-1", "s-1", "Backup", Money.of("50"),
                        Money.of("20"), BigDecimal.ONE, ServicePeriod.MONTHLY))
                .expectEvents(new ContractServiceAdded("c-1", "s-1", "Backup", Money.of("50"), Money.of("20"),
                        BigDecimal.ONE, ServicePeriod.MONTHLY));
        expectRule(fixture(Contract.class).given(created).when(new AddContractService("c-1", "s-1", "Backup",
                Money.of("50"), Money.of("-1"), BigDecimal.ONE, ServicePeriod.MONTHLY)), "service-amounts-valid");
        expectRule(fixture(Contract.class).given(created).when(new AddContractService("c-1", "s-1", "Backup",
                Money.of("50"), Money.of("1"), BigDecimal.ZERO, ServicePeriod.MONTHLY)), "service-amounts-valid");
    }

    @Test
    void anSlaNeedsValidHoursAndTargetsForEveryPriority() {
        fixture(Sla.class).givenNoPriorActivity().when(new DefineSla("sla-1", OFFICE_HOURS))
                          .expectEvents(new SlaDefined("sla-1", OFFICE_HOURS));
        SlaTerms noWeekdays = new SlaTerms("sla-1", "Never", SlaHours.businessHours("Europe/Berlin",
                EnumSet.noneOf(DayOfWeek.class), LocalTime.of(8, 0), LocalTime.of(17, 0)), OFFICE_HOURS.targets(),
                Priority.of(3), Map.of());
        expectRule(fixture(Sla.class).givenNoPriorActivity().when(new DefineSla("sla-1", noWeekdays)), "sla-hours-valid");
        SlaTerms missingPriority = new SlaTerms("sla-1", "Partial", SlaHours.TWENTY_FOUR_SEVEN,
                Map.of(1, new SlaTarget(15, 60, 240)), Priority.of(1), Map.of());
        expectRule(fixture(Sla.class).givenNoPriorActivity().when(new DefineSla("sla-1", missingPriority)),
                "sla-targets-for-priorities-1-to-4");
        SlaTerms backwards = new SlaTerms("sla-1", "Backwards", SlaHours.TWENTY_FOUR_SEVEN,
                Map.of(1, new SlaTarget(60, 30, 240), 2, new SlaTarget(30, 120, 480), 3, new SlaTarget(60, 240, 960),
                        4, new SlaTarget(120, 480, 1920)), Priority.of(1), Map.of());
        expectRule(fixture(Sla.class).givenNoPriorActivity().when(new DefineSla("sla-1", backwards)),
                "sla-targets-for-priorities-1-to-4");
    }

    @Test
    void aCompanyAndAResourceAreRenamedAndAResourceDeactivatedOnce() {
        fixture(Company.class).given(new CompanyCreated(ACME, "Acme")).when(new RenameCompany(ACME, "Acme Corp"))
                              .expectEvents(new CompanyRenamed(ACME, "Acme Corp"));
        fixture(Company.class).given(new CompanyCreated(ACME, "Acme")).when(new RenameCompany(ACME, "Acme"))
                              .expectNoEvents().expectSuccessfulHandlerExecution();
        ResourceCreated tina = new ResourceCreated("r-1", "Tina", Money.of("40"), Money.of("100"));
        fixture(Resource.class).given(tina).when(new RenameResource("r-1", "Tina Meyer"))
                               .expectEvents(new ResourceRenamed("r-1", "Tina Meyer"));
        fixture(Resource.class).given(tina).when(new DeactivateResource("r-1"))
                               .expectEvents(new ResourceDeactivated("r-1"));
        fixture(Resource.class).given(tina, new ResourceDeactivated("r-1")).when(new DeactivateResource("r-1"))
                               .expectNoEvents().expectSuccessfulHandlerExecution();
    }

    @Test
    void anSlaChangesItsTermsForTicketsOpenedFromThenOnAndIsDeactivatedOnce() {
        SlaTerms faster = new SlaTerms(OFFICE_HOURS.slaId(), "Office hours plus", OFFICE_HOURS.hours(),
                PREMIUM_24X7.targets(), Priority.of(2), Map.of());
        SlaDefined defined = new SlaDefined(OFFICE_HOURS.slaId(), OFFICE_HOURS);
        fixture(Sla.class).given(defined).when(new ChangeSlaTerms(OFFICE_HOURS.slaId(), faster))
                          .expectEvents(new SlaTermsChanged(OFFICE_HOURS.slaId(), faster));
        fixture(Sla.class).given(defined).when(new ChangeSlaTerms(OFFICE_HOURS.slaId(), OFFICE_HOURS))
                          .expectNoEvents().expectSuccessfulHandlerExecution();
        SlaTerms missingPriority = new SlaTerms(OFFICE_HOURS.slaId(), "Partial", SlaHours.TWENTY_FOUR_SEVEN,
                Map.of(1, new SlaTarget(15, 60, 240)), Priority.of(1), Map.of());
        expectRule(fixture(Sla.class).given(defined).when(new ChangeSlaTerms(OFFICE_HOURS.slaId(), missingPriority)),
                "sla-targets-for-priorities-1-to-4");
        fixture(Sla.class).given(defined).when(new DeactivateSla(OFFICE_HOURS.slaId()))
                          .expectEvents(new SlaDeactivated(OFFICE_HOURS.slaId()));
        SlaDeactivated deactivated = new SlaDeactivated(OFFICE_HOURS.slaId());
        fixture(Sla.class).given(defined, deactivated).when(new DeactivateSla(OFFICE_HOURS.slaId()))
                          .expectNoEvents().expectSuccessfulHandlerExecution();
        expectRule(fixture(Sla.class).given(defined, deactivated)
                                     .when(new ChangeSlaTerms(OFFICE_HOURS.slaId(), faster)), "active-sla");
    }

    @Test
    void aDeactivatedSlaIsPutOnNoContractButStaysOnTheContractsThatHaveIt() {
        AggregateTestFixture<Contract> contracts = new AggregateTestFixture<>(Contract.class);
        contracts.registerInjectableResource(referenceData(null).withDeactivated(OFFICE_HOURS));
        expectRule(contracts.givenNoPriorActivity().when(new CreateContract("c-1", ACME, "Care",
                ContractType.TIME_AND_MATERIALS, START, END, OFFICE_HOURS.slaId(), Money.of("95"), null)),
                "active-sla");
        ContractCreated withoutSla = new ContractCreated("c-1", ACME, "Care", ContractType.TIME_AND_MATERIALS,
                START, END, null, Money.of("95"), null);
        expectRule(contracts.given(withoutSla).when(new ChangeContractDetails("c-1", "Care", OFFICE_HOURS.slaId())),
                "active-sla");
        ContractCreated withSla = new ContractCreated("c-1", ACME, "Care", ContractType.TIME_AND_MATERIALS,
                START, END, OFFICE_HOURS.slaId(), Money.of("95"), null);
        contracts.given(withSla).when(new ChangeContractDetails("c-1", "Care plus", OFFICE_HOURS.slaId()))
                 .expectEvents(new ContractDetailsChanged("c-1", "Care plus", OFFICE_HOURS.slaId()));
    }

    @Test
    void aDeactivatedCompanyGetsNoNewContractsAndIsDeactivatedOnce() {
        fixture(Company.class).given(new CompanyCreated(ACME, "Acme")).when(new DeactivateCompany(ACME))
                              .expectEvents(new CompanyDeactivated(ACME));
        fixture(Company.class).given(new CompanyCreated(ACME, "Acme"), new CompanyDeactivated(ACME))
                              .when(new DeactivateCompany(ACME)).expectNoEvents().expectSuccessfulHandlerExecution();
        AggregateTestFixture<Contract> contracts = new AggregateTestFixture<>(Contract.class);
        contracts.registerInjectableResource(referenceData(null)
                .with(new ReferenceData.CompanyFacts("gone", "Gone Ltd", null, false)));
        expectRule(contracts.givenNoPriorActivity().when(new CreateContract("c-1", "gone", "Care",
                ContractType.TIME_AND_MATERIALS, START, END, null, Money.of("95"), null)), "active-company");
    }
}
