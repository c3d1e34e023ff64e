package io.psa.command.ticket;

import io.psa.api.contract.SlaClock;
import io.psa.api.contract.SlaTarget;
import io.psa.api.message.MessageMetadata;
import io.psa.api.rule.RuleViolation;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.TicketStatus;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
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
import static io.psa.command.contract.ReferenceFixtures.PREMIUM_24X7;
import static io.psa.command.contract.ReferenceFixtures.referenceData;

/** What a service desk changes on a ticket after opening it: title and description, priority, assignment. */
class TicketChangesTest {
    private static final String TICKET = "t-1";
    private static final Instant OPENED = Instant.parse("2026-03-10T09:00:00Z");
    private static final TicketOpened OPENED_EVENT = new TicketOpened(TICKET, "acme", "SMTP down", "since 9:00",
            Priority.DEFAULT, null, null, null);
    /** Premium 24x7 at priority 1: 15 / 60 / 240 minutes. */
    private static final SlaApplied CRITICAL_24X7 = new SlaApplied(TICKET, PREMIUM_24X7.slaId(), PREMIUM_24X7.name(),
            PREMIUM_24X7.hours(), Priority.of(1), new SlaTarget(15, 60, 240), due(15, 60, 240));

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerInjectableResource(referenceData(null).withResource("r-tina")
                                                              .withDeactivatedResource("r-left"));
    }

    /** Due times {@code minutes} after the opening, for first response, resolution plan and resolution. */
    private static Map<SlaClock, Instant> due(long firstResponse, long plan, long resolved) {
        Map<SlaClock, Instant> due = new EnumMap<>(SlaClock.class);
        due.put(SlaClock.FIRST_RESPONSE, minute(firstResponse));
        due.put(SlaClock.RESOLUTION_PLAN, minute(plan));
        due.put(SlaClock.RESOLVED, minute(resolved));
        return due;
    }

    private static Instant minute(long minutes) {
        return OPENED.plus(Duration.ofMinutes(minutes));
    }

    private TestExecutor<Ticket> givenOpen(Object... more) {
        return fixture.givenCurrentTime(OPENED).andGiven(OPENED_EVENT).andGiven(more);
    }

    private static void expectRule(ResultValidator<Ticket> result, String rule) {
        result.expectNoEvents().expectException(Matchers.predicate(
                e -> e instanceof RuleViolation violation && violation.rule().equals(rule)));
    }

    @Test
    void titleAndDescriptionAreChangedAndAnUnchangedOneRecordsNothing() {
        givenOpen().when(new ChangeTicketDetails(TICKET, "SMTP down on mx2", null))
                   .expectEvents(new TicketDetailsChanged(TICKET, "SMTP down on mx2", null));
        setUp();
        givenOpen().when(new ChangeTicketDetails(TICKET, "SMTP down", "since 9:00")).expectNoEvents();
    }

    @Test
    void aCompleteTicketIsNotChanged() {
        TicketStatusChanged completed = new TicketStatusChanged(TICKET, TicketStatus.NEW, TicketStatus.COMPLETE);
        expectRule(givenOpen(completed).when(new ChangeTicketDetails(TICKET, "Other", null)),
                "complete-ticket-is-closed");
        setUp();
        expectRule(givenOpen(completed).when(new ChangeTicketPriority(TICKET, Priority.of(1))),
                "complete-ticket-is-closed");
        setUp();
        expectRule(givenOpen(completed).when(new AssignTicket(TICKET, "r-tina", null)), "complete-ticket-is-closed");
    }

    @Test
    void aTitleBeyondItsLimitIsRefused() {
        expectRule(givenOpen().when(new ChangeTicketDetails(TICKET, "x".repeat(501), null)), "text-within-limit");
    }

    @Test
    void withoutAnSlaOnlyThePriorityChanges() {
        givenOpen().when(new ChangeTicketPriority(TICKET, Priority.of(1)))
                   .expectEvents(new TicketPriorityChanged(TICKET, Priority.DEFAULT, Priority.of(1), null, Map.of()));
    }

    @Test
    void thePriorityMustChangeAndBeOneToFour() {
        expectRule(givenOpen().when(new ChangeTicketPriority(TICKET, Priority.DEFAULT)), "priority-must-change");
        setUp();
        expectRule(givenOpen().when(new ChangeTicketPriority(TICKET, Priority.of(5))), "priority-1-to-4");
    }

    @Test
    void theRunningTargetsFollowTheNewPriorityCountedFromTheOpening() {
        // critical (15 / 60 / 240) lowered to 3 (60 / 240 / 960) at minute 10
        givenOpen(CRITICAL_24X7).andGivenCurrentTime(minute(10))
                .when(new ChangeTicketPriority(TICKET, Priority.of(3)))
                .expectEvents(new TicketPriorityChanged(TICKET, Priority.of(1), Priority.of(3),
                        new SlaTarget(60, 240, 960), due(60, 240, 960)))
                .expectScheduledDeadline(Duration.ofMinutes(50), SlaClock.FIRST_RESPONSE)
                .expectScheduledDeadline(Duration.ofMinutes(950), SlaClock.RESOLVED);
    }

    /** The SLA's terms changed since the opening: a later priority change takes its targets as they are now. */
    @Test
    void aPriorityChangeTakesTheSlasTargetsAsTheyAreNow() {
        io.psa.api.contract.SlaTerms faster = new io.psa.api.contract.SlaTerms(PREMIUM_24X7.slaId(),
                PREMIUM_24X7.name(), PREMIUM_24X7.hours(), Map.of(1, new SlaTarget(15, 60, 240),
                2, new SlaTarget(20, 90, 300), 3, new SlaTarget(30, 120, 480), 4, new SlaTarget(60, 240, 960)),
                Priority.of(2), Map.of());
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerInjectableResource(referenceData(null).with(faster));
        givenOpen(CRITICAL_24X7).andGivenCurrentTime(minute(10))
                .when(new ChangeTicketPriority(TICKET, Priority.of(3)))
                .expectEvents(new TicketPriorityChanged(TICKET, Priority.of(1), Priority.of(3),
                        new SlaTarget(30, 120, 480), due(30, 120, 480)));
    }

    @Test
    void aMetTargetStaysMet() {
        Map<SlaClock, Instant> due = due(60, 240, 960);
        due.remove(SlaClock.FIRST_RESPONSE);
        givenOpen(CRITICAL_24X7, new SlaTargetMet(TICKET, SlaClock.FIRST_RESPONSE, minute(5)))
                .andGivenCurrentTime(minute(10))
                .when(new ChangeTicketPriority(TICKET, Priority.of(3)))
                .expectEvents(new TicketPriorityChanged(TICKET, Priority.of(1), Priority.of(3),
                        new SlaTarget(60, 240, 960), due));
    }

    @Test
    void theTimeSpentWaitingForTheCustomerIsKept() {
        // critical; waiting for the customer from minute 10 to 70 moved the plan to 120 and the resolution to 300;
        // priority 2 (30 / 120 / 480) keeps those 60 minutes: plan at 180, resolution at 540
        Map<SlaClock, Instant> afterPause = due(15, 120, 300);
        afterPause.remove(SlaClock.FIRST_RESPONSE);
        Map<SlaClock, Instant> expected = due(30, 180, 540);
        expected.remove(SlaClock.FIRST_RESPONSE);
        givenOpen(CRITICAL_24X7, new SlaTargetMet(TICKET, SlaClock.FIRST_RESPONSE, minute(5)),
                new SlaClocksPaused(TICKET, minute(10)), new SlaClocksResumed(TICKET, minute(70), afterPause))
                .andGivenCurrentTime(minute(80))
                .when(new ChangeTicketPriority(TICKET, Priority.of(2)))
                .expectEvents(new TicketPriorityChanged(TICKET, Priority.of(1), Priority.of(2),
                        new SlaTarget(30, 120, 480), expected));
    }

    /** Priority 3 (60 / 240 / 960) with its first response met at minute 5. */
    private TestExecutor<Ticket> givenNormalPriorityRespondedTo(Object... more) {
        SlaApplied normal = new SlaApplied(TICKET, PREMIUM_24X7.slaId(), PREMIUM_24X7.name(), PREMIUM_24X7.hours(),
                Priority.of(3), new SlaTarget(60, 240, 960), due(60, 240, 960));
        return givenOpen(normal, new SlaTargetMet(TICKET, SlaClock.FIRST_RESPONSE, minute(5))).andGiven(more);
    }

    @Test
    void aDueTimeThatHasPassedUnderTheNewPriorityIsMissedAtOnce() {
        // raised to critical (15 / 60 / 240) at minute 100: the plan was due at minute 60
        Map<SlaClock, Instant> expected = due(15, 60, 240);
        expected.remove(SlaClock.FIRST_RESPONSE);
        givenNormalPriorityRespondedTo().andGivenCurrentTime(minute(100))
                .when(new ChangeTicketPriority(TICKET, Priority.of(1)))
                .expectEvents(new TicketPriorityChanged(TICKET, Priority.of(3), Priority.of(1),
                        new SlaTarget(15, 60, 240), expected),
                        new SlaTargetMissed(TICKET, SlaClock.RESOLUTION_PLAN, minute(60)))
                .expectScheduledDeadline(Duration.ofMinutes(140), SlaClock.RESOLVED);
    }

    @Test
    void whileTheClocksStandStillADueTimeBeforeThePauseIsMissedAndCannotBeMetLater() {
        // waiting for the customer since minute 100; raised to critical at minute 150: the plan was due at 60
        Map<SlaClock, Instant> expected = due(15, 60, 240);
        expected.remove(SlaClock.FIRST_RESPONSE);
        givenNormalPriorityRespondedTo(new SlaClocksPaused(TICKET, minute(100))).andGivenCurrentTime(minute(150))
                .when(new ChangeTicketPriority(TICKET, Priority.of(1)))
                .expectEvents(new TicketPriorityChanged(TICKET, Priority.of(3), Priority.of(1),
                        new SlaTarget(15, 60, 240), expected),
                        new SlaTargetMissed(TICKET, SlaClock.RESOLUTION_PLAN, minute(60)));
        setUp();
        givenNormalPriorityRespondedTo(new SlaClocksPaused(TICKET, minute(100))).andGivenCurrentTime(minute(150))
                .andGivenCommands(new ChangeTicketPriority(TICKET, Priority.of(1)))
                .when(new ProvideResolutionPlan(TICKET, "Replace the disk"), Map.of(MessageMetadata.ACTOR, "tina"))
                .expectEvents(new ResolutionPlanProvided(TICKET, "Replace the disk", "tina"));
    }

    @Test
    void aTicketIsAssignedToAKnownResourceAndAQueueAndUnassigned() {
        givenOpen().when(new AssignTicket(TICKET, "r-tina", "Level 2"))
                   .expectEvents(new TicketAssigned(TICKET, "r-tina", "Level 2"));
        setUp();
        givenOpen().when(new AssignTicket(TICKET, null, "Field service"))
                   .expectEvents(new TicketAssigned(TICKET, null, "Field service"));
        setUp();
        givenOpen(new TicketAssigned(TICKET, "r-tina", "Level 2")).when(new AssignTicket(TICKET, null, null))
                .expectEvents(new TicketAssigned(TICKET, null, null));
    }

    @Test
    void aDeactivatedResourceTakesNoTickets() {
        expectRule(givenOpen().when(new AssignTicket(TICKET, "r-left", "Level 2")), "active-resource");
    }

    @Test
    void anUnchangedAssignmentRecordsNothing() {
        givenOpen(new TicketAssigned(TICKET, "r-tina", "Level 2")).when(new AssignTicket(TICKET, "r-tina", "Level 2"))
                .expectNoEvents();
        setUp();
        givenOpen().when(new AssignTicket(TICKET, null, null)).expectNoEvents();
    }

    @Test
    void anUnknownResourceAndAQueueNameBeyondItsLimitAreRefused() {
        expectRule(givenOpen().when(new AssignTicket(TICKET, "r-nobody", null)), "known-resource");
        setUp();
        expectRule(givenOpen().when(new AssignTicket(TICKET, null, "q".repeat(101))), "text-within-limit");
    }
}
