package io.psa.command.ticket;

import io.psa.command.contract.ReferenceData;

import io.psa.api.contract.SlaClock;
import io.psa.api.contract.SlaTarget;
import io.psa.api.contract.SlaTerms;
import io.psa.api.message.MessageMetadata;
import io.psa.api.rule.RuleViolation;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.TicketStatus;
import io.psa.api.ticket.Visibility;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import static io.psa.api.ticket.TicketCommands.*;
import static io.psa.api.ticket.TicketEvents.*;
import static io.psa.command.contract.ReferenceFixtures.OFFICE_HOURS;
import static io.psa.command.contract.ReferenceFixtures.PREMIUM_24X7;
import static io.psa.command.contract.ReferenceFixtures.referenceData;

/** The SLA on a ticket: priority, due times, the clocks and their breach by deadline. */
class TicketSlaTest {
    private static final String TICKET = "t-1";
    /** Tuesday 2026-03-10, 10:00 in Berlin. */
    private static final Instant OPENED = Instant.parse("2026-03-10T09:00:00Z");
    private static final TicketOpened OPENED_EVENT = new TicketOpened(TICKET, "acme", "SMTP down", null,
            Priority.DEFAULT, "d-mail", "c-mail", "s-mail");

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
    }

    private TestExecutor<Ticket> openedUnder(SlaTerms sla, String severity) {
        return fixture.givenCurrentTime(OPENED).andGiven(OPENED_EVENT).andGivenCommands(new ApplySla(TICKET, sla, severity));
    }

    /** Premium 24x7 at priority 1, as applied at opening: given as an event, so no deadline is scheduled yet. */
    private static final SlaApplied CRITICAL_24X7 = new SlaApplied(TICKET, PREMIUM_24X7.slaId(), PREMIUM_24X7.name(),
            PREMIUM_24X7.hours(), Priority.of(1), new SlaTarget(15, 60, 240), due(OPENED.plusSeconds(15 * 60),
            OPENED.plusSeconds(60 * 60), OPENED.plusSeconds(240 * 60)));

    private static Map<SlaClock, Instant> due(Instant firstResponse, Instant plan, Instant resolved) {
        Map<SlaClock, Instant> due = new EnumMap<>(SlaClock.class);
        due.put(SlaClock.FIRST_RESPONSE, firstResponse);
        due.put(SlaClock.RESOLUTION_PLAN, plan);
        due.put(SlaClock.RESOLVED, resolved);
        return due;
    }

    private static Map<String, Object> by(String actor) {
        return Map.of(MessageMetadata.ACTOR, actor);
    }

    @Test
    void theAlertsSeveritySetsThePriorityAndItsTargetsTheDueTimes() {
        fixture.givenCurrentTime(OPENED).andGiven(OPENED_EVENT)
               .when(new ApplySla(TICKET, PREMIUM_24X7, "critical"))
               .expectEvents(new SlaApplied(TICKET, PREMIUM_24X7.slaId(), PREMIUM_24X7.name(), PREMIUM_24X7.hours(),
                       Priority.of(1), new SlaTarget(15, 60, 240), due(OPENED.plusSeconds(15 * 60),
                       OPENED.plusSeconds(60 * 60), OPENED.plusSeconds(240 * 60))))
               .expectScheduledDeadline(Duration.ofMinutes(15), SlaClock.FIRST_RESPONSE)
               .expectScheduledDeadlineWithName(Duration.ofMinutes(240), Ticket.SLA_DEADLINE);
    }

    @Test
    void withoutSeverityTheSlasDefaultPriorityCountedInBusinessHours() {
        // priority 3 of office hours: 240 / 960 / 2400 minutes between 08:00 and 17:00 Berlin, Monday to Friday
        fixture.givenCurrentTime(OPENED).andGiven(OPENED_EVENT)
               .when(new ApplySla(TICKET, OFFICE_HOURS, null))
               .expectEvents(new SlaApplied(TICKET, OFFICE_HOURS.slaId(), OFFICE_HOURS.name(), OFFICE_HOURS.hours(),
                       Priority.of(3), new SlaTarget(240, 960, 2400), due(Instant.parse("2026-03-10T13:00:00Z"),
                       Instant.parse("2026-03-11T16:00:00Z"), Instant.parse("2026-03-16T13:00:00Z"))));
    }

    @Test
    void aPriorityChosenAtOpeningStandsAndTheSlaGivesItsTargets() {
        fixture.givenCurrentTime(OPENED).andGiven(OPENED_EVENT)
               .when(new ApplySla(TICKET, PREMIUM_24X7, null, Priority.of(4)))
               .expectEvents(new SlaApplied(TICKET, PREMIUM_24X7.slaId(), PREMIUM_24X7.name(), PREMIUM_24X7.hours(),
                       Priority.of(4), new SlaTarget(120, 480, 1920), due(OPENED.plusSeconds(120 * 60),
                       OPENED.plusSeconds(480 * 60), OPENED.plusSeconds(1920 * 60))));
    }

    @Test
    void anExternalNoteIsTheFirstResponseAnInternalOneIsNot() {
        NoteContent external = new NoteContent("Hello", "We are on it", Visibility.EXTERNAL);
        openedUnder(PREMIUM_24X7, null).when(new AddNote(TICKET, "n-1", external), by("tina"))
                                       .expectEvents(new NoteAdded(TICKET, "n-1", external, "tina"),
                                               new SlaTargetMet(TICKET, SlaClock.FIRST_RESPONSE, OPENED));
        setUp();
        NoteContent internal = new NoteContent("Dispatch", "Tina takes it", Visibility.INTERNAL);
        openedUnder(PREMIUM_24X7, null).when(new AddNote(TICKET, "n-1", internal), by("tina"))
                                       .expectEvents(new NoteAdded(TICKET, "n-1", internal, "tina"));
    }

    @Test
    void leavingNewIsTheFirstResponse() {
        openedUnder(PREMIUM_24X7, null).when(new ChangeTicketStatus(TICKET, TicketStatus.IN_PROGRESS))
                .expectEvents(new TicketStatusChanged(TICKET, TicketStatus.NEW, TicketStatus.IN_PROGRESS),
                        new SlaTargetMet(TICKET, SlaClock.FIRST_RESPONSE, OPENED));
    }

    @Test
    void waitingForTheCustomerPausesTheClocksAndTheyKeepTheTimeTheyHadLeft() {
        // critical under 24x7: plan due after 60 min, resolved after 240; paused from minute 10 to minute 70
        fixture.givenCurrentTime(OPENED).andGiven(OPENED_EVENT, CRITICAL_24X7)
                .andGivenCurrentTime(OPENED.plusSeconds(10 * 60))
                .andGivenCommands(new ChangeTicketStatus(TICKET, TicketStatus.WAITING_CUSTOMER))
                .andGivenCurrentTime(OPENED.plusSeconds(70 * 60))
                .when(new ChangeTicketStatus(TICKET, TicketStatus.IN_PROGRESS))
                .expectEvents(new TicketStatusChanged(TICKET, TicketStatus.WAITING_CUSTOMER, TicketStatus.IN_PROGRESS),
                        new SlaClocksResumed(TICKET, OPENED.plusSeconds(70 * 60), Map.of(
                                SlaClock.RESOLUTION_PLAN, OPENED.plusSeconds(120 * 60),
                                SlaClock.RESOLVED, OPENED.plusSeconds(300 * 60))));
    }

    @Test
    void waitingForTheCustomerIsRecordedAsAPause() {
        fixture.givenCurrentTime(OPENED).andGiven(OPENED_EVENT, CRITICAL_24X7).andGivenCurrentTime(OPENED.plusSeconds(600))
                .when(new ChangeTicketStatus(TICKET, TicketStatus.WAITING_CUSTOMER))
                .expectEvents(new TicketStatusChanged(TICKET, TicketStatus.NEW, TicketStatus.WAITING_CUSTOMER),
                        new SlaTargetMet(TICKET, SlaClock.FIRST_RESPONSE, OPENED.plusSeconds(600)),
                        new SlaClocksPaused(TICKET, OPENED.plusSeconds(600)));
    }

    @Test
    void completingMeetsTheResolution() {
        openedUnder(PREMIUM_24X7, null)
                .andGivenCommands(new ChangeTicketStatus(TICKET, TicketStatus.IN_PROGRESS))
                .when(new ChangeTicketStatus(TICKET, TicketStatus.COMPLETE))
                .expectEvents(new TicketStatusChanged(TICKET, TicketStatus.IN_PROGRESS, TicketStatus.COMPLETE),
                        new SlaTargetMet(TICKET, SlaClock.RESOLUTION_PLAN, OPENED),
                        new SlaTargetMet(TICKET, SlaClock.RESOLVED, OPENED));
    }

    @Test
    void aResolutionPlanMeetsItsTarget() {
        openedUnder(PREMIUM_24X7, null).when(new ProvideResolutionPlan(TICKET, "Replace the disk"), by("tina"))
                .expectEvents(new ResolutionPlanProvided(TICKET, "Replace the disk", "tina"),
                        new SlaTargetMet(TICKET, SlaClock.RESOLUTION_PLAN, OPENED));
    }

    @Test
    void aPersonMovesTheTicketToAnotherContractOfItsCompanyAndItsSlaApplies() {
        fixture.registerInjectableResource(referenceData(null));
        fixture.givenCurrentTime(OPENED).andGiven(OPENED_EVENT)
               .when(new ChangeTicketContract(TICKET, "c-print", "s-print"))
               .expectEvents(new TicketContractChanged(TICKET, "c-print", "s-print"),
                       new SlaApplied(TICKET, OFFICE_HOURS.slaId(), OFFICE_HOURS.name(), OFFICE_HOURS.hours(),
                               Priority.of(3), new SlaTarget(240, 960, 2400), due(Instant.parse("2026-03-10T13:00:00Z"),
                               Instant.parse("2026-03-11T16:00:00Z"), Instant.parse("2026-03-16T13:00:00Z"))));
    }

    /** OPENED is in March 2026; the printer service ended at the end of February. */
    @Test
    void aTicketIsNotMovedOntoAServiceThatEnded() {
        fixture.registerInjectableResource(referenceData(null).with(new ReferenceData.ContractFacts("c-print", io.psa.command.contract.ReferenceFixtures.ACME,
                "Printers", java.time.LocalDate.parse("2026-01-01"), java.time.LocalDate.parse("2026-12-31"),
                OFFICE_HOURS.slaId(), java.util.Set.of("s-print"),
                java.util.Map.of("s-print", java.time.LocalDate.parse("2026-02-28")))));
        fixture.givenCurrentTime(OPENED).andGiven(OPENED_EVENT)
               .when(new ChangeTicketContract(TICKET, "c-print", "s-print"))
               .expectNoEvents().expectException(Matchers.predicate(e ->
                       e instanceof RuleViolation v && v.rule().equals("service-running")));
    }

    @Test
    void aContractOfAnotherCompanyOrAServiceOfAnotherContractIsRefused() {
        fixture.registerInjectableResource(referenceData(null));
        fixture.givenCurrentTime(OPENED).andGiven(OPENED_EVENT)
               .when(new ChangeTicketContract(TICKET, "c-globex", null))
               .expectNoEvents().expectException(Matchers.predicate(e ->
                       e instanceof RuleViolation v && v.rule().equals("same-company")));
        setUp();
        fixture.registerInjectableResource(referenceData(null));
        fixture.givenCurrentTime(OPENED).andGiven(OPENED_EVENT)
               .when(new ChangeTicketContract(TICKET, "c-mail", "s-print"))
               .expectNoEvents().expectException(Matchers.predicate(e ->
                       e instanceof RuleViolation v && v.rule().equals("service-of-the-contract")));
    }

    @Test
    void anUnmetTargetIsRecordedMissedWhenItsDueTimePasses() {
        openedUnder(PREMIUM_24X7, "CRITICAL").whenTimeElapses(Duration.ofMinutes(16))
                .expectEvents(new SlaTargetMissed(TICKET, SlaClock.FIRST_RESPONSE, OPENED.plusSeconds(15 * 60)));
    }

    @Test
    void aMetTargetIsNeverMissed() {
        openedUnder(PREMIUM_24X7, "CRITICAL")
                .andGivenCommands(new ChangeTicketStatus(TICKET, TicketStatus.IN_PROGRESS))
                .whenTimeElapses(Duration.ofMinutes(16))
                .expectNoEvents();
    }

    @Test
    void pausedClocksMissNothing() {
        openedUnder(PREMIUM_24X7, "CRITICAL")
                .andGivenCommands(new ChangeTicketStatus(TICKET, TicketStatus.WAITING_CUSTOMER))
                .whenTimeElapses(Duration.ofMinutes(120))
                .expectNoEvents();
    }
}
