package io.psa.command.ticket;

import io.psa.command.device.DeviceFacts;
import org.junit.jupiter.api.Test;

import io.psa.command.contract.ReferenceData.CompanyFacts;
import io.psa.command.contract.ReferenceData.ContractFacts;

import java.time.LocalDate;
import java.util.Map;

import static io.psa.command.contract.ReferenceFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class ContractPrecedenceTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-03-10");
    private static final DeviceFacts MAIL_SERVER = new DeviceFacts("d-mail", ACME, true, "c-mail", "s-mail");
    private static final DeviceFacts UNLINKED = new DeviceFacts("d-new", ACME, true, null, null);
    private static final DeviceFacts ON_EXPIRED = new DeviceFacts("d-old", ACME, true, "c-old", "s-old");

    private static final CompanyFacts ACME_ON_DESK = new CompanyFacts(ACME, "Acme", "c-desk", true);

    private final ContractPrecedence withDefault = new ContractPrecedence(referenceData("c-desk"));
    private final ContractPrecedence withoutDefault = new ContractPrecedence(referenceData(null));

    @Test
    void theDevicesContractReplacesTheCompanyDefaultAndBringsItsSla() {
        ContractPrecedence.Assignment assignment = withDefault.assign(ACME_ON_DESK, MAIL_SERVER, TODAY);
        assertThat(assignment.contractId()).isEqualTo("c-mail");
        assertThat(assignment.contractServiceId()).isEqualTo("s-mail");
        assertThat(assignment.sla()).contains(PREMIUM_24X7);
        assertThat(assignment.remarks()).isEmpty();
    }

    @Test
    void withoutADeviceContractTheCompanyDefaultApplies() {
        ContractPrecedence.Assignment assignment = withDefault.assign(ACME_ON_DESK, UNLINKED, TODAY);
        assertThat(assignment.contractId()).isEqualTo("c-desk");
        assertThat(assignment.contractServiceId()).isNull();
        assertThat(assignment.sla()).isEmpty();
        assertThat(withDefault.assign(ACME_ON_DESK, null, TODAY).contractId()).isEqualTo("c-desk");
    }

    @Test
    void anExpiredDeviceContractIsSkippedAndTheTicketToldWhy() {
        ContractPrecedence.Assignment assignment = withDefault.assign(ACME_ON_DESK, ON_EXPIRED, TODAY);
        assertThat(assignment.contractId()).isEqualTo("c-desk");
        assertThat(assignment.remarks()).singleElement().asString()
                .contains("Old maintenance").contains("2025-12-31").contains("not on 2026-03-10");
    }

    @Test
    void anExpiredDefaultLeavesTheTicketWithoutContract() {
        ContractPrecedence precedence = new ContractPrecedence(referenceData("c-old"));
        ContractPrecedence.Assignment assignment = precedence.assign(new CompanyFacts(ACME, "Acme", "c-old", true),
                UNLINKED, TODAY);
        assertThat(assignment.contractId()).isNull();
        assertThat(assignment.sla()).isEmpty();
        assertThat(assignment.remarks()).singleElement().asString().contains("company's default contract");
    }

    @Test
    void noContractAtAll() {
        ContractPrecedence.Assignment assignment = withoutDefault.assign(new CompanyFacts(ACME, "Acme", null, true),
                UNLINKED, TODAY);
        assertThat(assignment.contractId()).isNull();
        assertThat(assignment.remarks()).isEmpty();
    }

    @Test
    void aContractStartingInTheFutureIsNotInForceEither() {
        assertThat(withDefault.assign(ACME_ON_DESK, MAIL_SERVER, LocalDate.parse("2025-12-31")).contractId()).isNull();
    }

    @Test
    void aDevicesServiceThatEndedIsDroppedAndTheTicketToldWhy() {
        ContractFacts mailEnded = new ContractFacts(MAIL_CONTRACT.contractId(), ACME, MAIL_CONTRACT.name(), MAIL_CONTRACT.startDate(),
                MAIL_CONTRACT.endDate(), MAIL_CONTRACT.slaId(), MAIL_CONTRACT.serviceIds(),
                Map.of("s-mail", LocalDate.parse("2026-03-09")));
        ContractPrecedence precedence = new ContractPrecedence(referenceData("c-desk").with(mailEnded));
        ContractPrecedence.Assignment assignment = precedence.assign(ACME_ON_DESK, MAIL_SERVER, TODAY);
        assertThat(assignment.contractId()).isEqualTo("c-mail");
        assertThat(assignment.contractServiceId()).isNull();
        assertThat(assignment.sla()).contains(PREMIUM_24X7);
        assertThat(assignment.remarks()).singleElement().asString().contains("s-mail").contains("2026-03-09");
        assertThat(precedence.assign(ACME_ON_DESK, MAIL_SERVER, LocalDate.parse("2026-03-09")).contractServiceId())
                .isEqualTo("s-mail");
    }
}
