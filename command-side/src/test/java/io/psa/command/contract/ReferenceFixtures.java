package io.psa.command.contract;

import io.psa.api.contract.SlaHours;
import io.psa.api.contract.SlaTarget;
import io.psa.api.contract.SlaTerms;
import io.psa.api.ticket.Priority;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The seed's example: Acme's mail server under a fast 24x7 SLA, its printer under office hours. */
public final class ReferenceFixtures {
    public static final String ACME = "acme";
    public static final String GLOBEX = "globex";

    public static final SlaTerms PREMIUM_24X7 = new SlaTerms("sla-premium", "Premium 24x7", SlaHours.TWENTY_FOUR_SEVEN,
            Map.of(1, new SlaTarget(15, 60, 240), 2, new SlaTarget(30, 120, 480), 3, new SlaTarget(60, 240, 960),
                    4, new SlaTarget(120, 480, 1920)), Priority.of(2), Map.of("CRITICAL", Priority.of(1)));

    public static final SlaTerms OFFICE_HOURS = new SlaTerms("sla-office", "Office hours",
            SlaHours.businessHours("Europe/Berlin", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                    LocalTime.of(8, 0), LocalTime.of(17, 0)),
            Map.of(1, new SlaTarget(60, 240, 480), 2, new SlaTarget(120, 480, 960), 3, new SlaTarget(240, 960, 2400),
                    4, new SlaTarget(480, 1440, 4800)), Priority.of(3), Map.of("CRITICAL", Priority.of(2)));

    public static final ReferenceData.ContractFacts MAIL_CONTRACT = contract("c-mail", ACME, "Mail premium",
            LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), PREMIUM_24X7.slaId(), "s-mail");
    public static final ReferenceData.ContractFacts PRINTER_CONTRACT = contract("c-print", ACME, "Printers",
            LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), OFFICE_HOURS.slaId(), "s-print");
    public static final ReferenceData.ContractFacts SERVICE_DESK = contract("c-desk", ACME, "Service desk",
            LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), null, "s-desk");
    public static final ReferenceData.ContractFacts EXPIRED = contract("c-old", ACME, "Old maintenance",
            LocalDate.parse("2024-01-01"), LocalDate.parse("2025-12-31"), PREMIUM_24X7.slaId(), "s-old");
    public static final ReferenceData.ContractFacts GLOBEX_CONTRACT = contract("c-globex", GLOBEX, "Globex care",
            LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), null, "s-globex");

    private ReferenceFixtures() {
    }

    public static FakeReferenceData referenceData(String acmeDefaultContract) {
        return new FakeReferenceData()
                .with(new ReferenceData.CompanyFacts(ACME, "Acme", acmeDefaultContract, true))
                .with(new ReferenceData.CompanyFacts(GLOBEX, "Globex", null, true))
                .with(MAIL_CONTRACT).with(PRINTER_CONTRACT).with(SERVICE_DESK).with(EXPIRED).with(GLOBEX_CONTRACT)
                .with(PREMIUM_24X7).with(OFFICE_HOURS);
    }

    private static ReferenceData.ContractFacts contract(String id, String company, String name, LocalDate start,
                                                        LocalDate end, String slaId, String serviceId) {
        return new ReferenceData.ContractFacts(id, company, name, start, end, slaId, Set.of(serviceId));
    }
}
