package io.psa.command.device;

import io.psa.command.contract.ReferenceData;

import io.psa.api.rule.RuleViolation;
import io.psa.api.rule.UnknownItem;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.psa.api.device.DeviceMessages.*;
import static io.psa.command.contract.ReferenceFixtures.ACME;
import static io.psa.command.contract.ReferenceFixtures.referenceData;

class DeviceTest {
    private static final DeviceRegistered MAIL_SERVER = new DeviceRegistered("d-1", ACME, "Mail server", "SERVER",
            "MS-1", "rmm-1");
    private AggregateTestFixture<Device> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Device.class);
        fixture.registerInjectableResource(referenceData(null));
    }

    private static void expectRule(ResultValidator<Device> result, String rule) {
        result.expectNoEvents().expectException(Matchers.predicate(
                e -> e instanceof RuleViolation violation && violation.rule().equals(rule)));
    }

    /** A service that ended takes no more devices; one still running does. */
    @Test
    void aDeviceIsNotLinkedToAServiceThatEnded() {
        ReferenceData.ContractFacts ended = new ReferenceData.ContractFacts("c-mail", ACME, "Mail premium",
                java.time.LocalDate.parse("2020-01-01"), java.time.LocalDate.parse("2099-12-31"), null,
                java.util.Set.of("s-mail", "s-backup"), java.util.Map.of("s-mail", java.time.LocalDate.parse("2020-06-30")));
        fixture = new AggregateTestFixture<>(Device.class);
        fixture.registerInjectableResource(referenceData(null).with(ended));
        expectRule(fixture.given(MAIL_SERVER).when(new LinkDeviceToContract("d-1", "c-mail", "s-mail")),
                "service-running");
        fixture.given(MAIL_SERVER).when(new LinkDeviceToContract("d-1", "c-mail", "s-backup"))
               .expectEvents(new DeviceLinkedToContract("d-1", "c-mail", "s-backup"));
    }

    @Test
    void registersForAnActiveCompanyOnly() {
        fixture = new AggregateTestFixture<>(Device.class);
        fixture.registerInjectableResource(referenceData(null)
                .with(new ReferenceData.CompanyFacts("gone", "Gone Ltd", null, false)));
        expectRule(fixture.givenNoPriorActivity().when(new RegisterDevice("d-1", "gone", "x", null, null, null)),
                "active-company");
    }

    @Test
    void registersForAKnownCompanyOnly() {
        fixture.givenNoPriorActivity().when(new RegisterDevice("d-1", ACME, "Mail server", "SERVER", "MS-1", "rmm-1"))
               .expectEvents(MAIL_SERVER);
        setUp();
        fixture.givenNoPriorActivity().when(new RegisterDevice("d-1", "nobody", "x", null, null, null))
               .expectNoEvents().expectException(UnknownItem.class);
    }

    @Test
    void linksToAContractOfItsCompanyAndOneOfItsServices() {
        fixture.given(MAIL_SERVER).when(new LinkDeviceToContract("d-1", "c-mail", "s-mail"))
               .expectEvents(new DeviceLinkedToContract("d-1", "c-mail", "s-mail"));
    }

    @Test
    void refusesAContractOfAnotherCompany() {
        expectRule(fixture.given(MAIL_SERVER).when(new LinkDeviceToContract("d-1", "c-globex", "s-globex")),
                "contract-of-the-devices-company");
    }

    @Test
    void refusesAServiceOfAnotherContract() {
        expectRule(fixture.given(MAIL_SERVER).when(new LinkDeviceToContract("d-1", "c-mail", "s-print")),
                "device-service-of-the-contract");
        setUp();
        expectRule(fixture.given(MAIL_SERVER).when(new LinkDeviceToContract("d-1", "c-mail", null)),
                "device-service-of-the-contract");
    }

    @Test
    void refusesAnUnknownContract() {
        fixture.given(MAIL_SERVER).when(new LinkDeviceToContract("d-1", "c-none", "s-x"))
               .expectNoEvents().expectException(UnknownItem.class);
    }

    @Test
    void aDeactivatedDeviceIsNotLinkedOrDeactivatedAgain() {
        expectRule(fixture.given(MAIL_SERVER, new DeviceDeactivated("d-1"))
                          .when(new LinkDeviceToContract("d-1", "c-mail", "s-mail")), "active-devices-only");
        setUp();
        expectRule(fixture.given(MAIL_SERVER, new DeviceDeactivated("d-1")).when(new DeactivateDevice("d-1")),
                "active-devices-only");
    }

    @Test
    void unlinksOnlyWhatIsLinked() {
        fixture.given(MAIL_SERVER, new DeviceLinkedToContract("d-1", "c-mail", "s-mail")).when(new UnlinkDevice("d-1"))
               .expectEvents(new DeviceUnlinked("d-1", "c-mail"));
        setUp();
        expectRule(fixture.given(MAIL_SERVER).when(new UnlinkDevice("d-1")), "device-is-linked");
    }

    @Test
    void isRenamed() {
        fixture.given(MAIL_SERVER).when(new RenameDevice("d-1", "Mail server (old)"))
               .expectEvents(new DeviceRenamed("d-1", "Mail server (old)"));
    }
}
