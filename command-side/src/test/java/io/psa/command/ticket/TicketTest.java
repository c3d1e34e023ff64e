package io.psa.command.ticket;

import io.psa.command.contract.ReferenceFixtures;

import io.psa.api.message.MessageMetadata;
import io.psa.api.rule.RuleViolation;
import io.psa.api.rule.UnknownItem;
import io.psa.api.ticket.AttachmentContent;
import io.psa.api.ticket.ChargeContent;
import io.psa.api.ticket.Hours;
import io.psa.api.ticket.Money;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.StoredFile;
import io.psa.api.ticket.TicketStatus;
import io.psa.api.ticket.TimeEntryContent;
import io.psa.api.ticket.Visibility;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static io.psa.api.ticket.TicketCommands.*;
import static io.psa.api.ticket.TicketEvents.*;

/** Every rule of the ticket, given / when / then. */
class TicketTest {
    private static final String TICKET = "t-1";
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    /** 2026-03-10 12:00 UTC: "today" for these tests. */
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-03-10");

    private static final TicketOpened OPENED = new TicketOpened(TICKET, "acme", "Mail server down", "no mail",
            Priority.of(2), null, null, null);
    private static final NoteContent NOTE = new NoteContent("Called", "Customer informed", Visibility.EXTERNAL);
    private static final ChargeContent CHARGE = new ChargeContent(TODAY, "cable", new BigDecimal("2"),
            Money.of("3.50"), Money.of("9.00"), true);
    private static final StoredFile FILE = new StoredFile("log.txt", "text/plain", 5, "ab".repeat(32));

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerInjectableResource(ReferenceFixtures.referenceData(null).withResource("r-1")
                                                            .withResource("r-2").withDeactivatedResource("r-left"));
    }

    private TestExecutor<Ticket> givenOpenTicket(Object... more) {
        return fixture.givenCurrentTime(NOW).andGiven(OPENED).andGiven(more);
    }

    private static Map<String, Object> by(String actor) {
        return Map.of(MessageMetadata.ACTOR, actor);
    }

    private static void expectRule(ResultValidator<Ticket> result, String rule) {
        result.expectNoEvents().expectException(Matchers.predicate(
                e -> e instanceof RuleViolation violation && violation.rule().equals(rule)));
    }

    private static TimeEntryContent work(String hours) {
        return new TimeEntryContent("r-1", TODAY, Hours.of(hours), null, true, "fixing");
    }

    @Nested
    class Opening {
        @Test
        void opensWithTheGivenPriority() {
            fixture.givenNoPriorActivity()
                   .when(new OpenTicket(TICKET, "acme", "Mail server down", "no mail", Priority.of(2), null, null, null))
                   .expectEvents(OPENED);
        }

        @Test
        void withoutPriorityGetsTheDefault() {
            fixture.givenNoPriorActivity()
                   .when(new OpenTicket(TICKET, "acme", "t", null, null, "dev-1", "c-1", "s-1"))
                   .expectEvents(new TicketOpened(TICKET, "acme", "t", null, Priority.DEFAULT, "dev-1", "c-1", "s-1"));
        }

        @Test
        void refusesAPriorityOutside1To4() {
            expectRule(fixture.givenNoPriorActivity()
                              .when(new OpenTicket(TICKET, "acme", "t", null, Priority.of(5), null, null, null)),
                    "priority-1-to-4");
        }
    }

    @Nested
    class Status {
        @Test
        void changesAndRecordsWhereItCameFrom() {
            givenOpenTicket().when(new ChangeTicketStatus(TICKET, TicketStatus.IN_PROGRESS))
                             .expectEvents(new TicketStatusChanged(TICKET, TicketStatus.NEW, TicketStatus.IN_PROGRESS));
        }

        @Test
        void mustActuallyChange() {
            expectRule(givenOpenTicket().when(new ChangeTicketStatus(TICKET, TicketStatus.NEW)), "status-must-change");
        }

        @Test
        void aCompleteTicketIsReopenedToNewOrInProgressOnly() {
            TicketStatusChanged completed = new TicketStatusChanged(TICKET, TicketStatus.NEW, TicketStatus.COMPLETE);
            expectRule(givenOpenTicket(completed).when(new ChangeTicketStatus(TICKET, TicketStatus.WAITING_CUSTOMER)),
                    "reopen-to-new-or-in-progress");
            setUp();
            givenOpenTicket(completed).when(new ChangeTicketStatus(TICKET, TicketStatus.IN_PROGRESS))
                                      .expectEvents(new TicketStatusChanged(TICKET, TicketStatus.COMPLETE,
                                              TicketStatus.IN_PROGRESS));
        }
    }

    @Nested
    class CompleteTicketIsClosed {
        private final TicketStatusChanged completed =
                new TicketStatusChanged(TICKET, TicketStatus.NEW, TicketStatus.COMPLETE);

        @Test
        void noNewNotes() {
            expectRule(givenOpenTicket(completed).when(new AddNote(TICKET, "n-1", NOTE), by(ALICE)),
                    "complete-ticket-is-closed");
        }

        @Test
        void noNewTime() {
            expectRule(givenOpenTicket(completed).when(new LogTime(TICKET, "te-1", work("1")), by(ALICE)),
                    "complete-ticket-is-closed");
        }

        @Test
        void noNewCharges() {
            expectRule(givenOpenTicket(completed).when(new AddCharge(TICKET, "c-1", CHARGE), by(ALICE)),
                    "complete-ticket-is-closed");
        }

        @Test
        void noNewAttachments() {
            expectRule(givenOpenTicket(completed).when(new AddAttachment(TICKET, "a-1",
                    new AttachmentContent("log", Visibility.INTERNAL), FILE), by(ALICE)), "complete-ticket-is-closed");
        }

        @Test
        void noEditsOrDeletes() {
            NoteAdded note = new NoteAdded(TICKET, "n-1", NOTE, ALICE);
            expectRule(givenOpenTicket(note, completed).when(new EditNote(TICKET, "n-1", NOTE), by(ALICE)),
                    "complete-ticket-is-closed");
            setUp();
            expectRule(givenOpenTicket(note, completed).when(new DeleteNote(TICKET, "n-1"), by(ALICE)),
                    "complete-ticket-is-closed");
        }

        @Test
        void reopenedItTakesWorkAgain() {
            givenOpenTicket(completed, new TicketStatusChanged(TICKET, TicketStatus.COMPLETE, TicketStatus.IN_PROGRESS))
                    .when(new AddNote(TICKET, "n-1", NOTE), by(ALICE))
                    .expectEvents(new NoteAdded(TICKET, "n-1", NOTE, ALICE));
        }
    }

    @Nested
    class OwnItems {
        private final NoteContent edited = new NoteContent("Called", "Customer called back", Visibility.INTERNAL);

        @Test
        void theAuthorEditsAndDeletes() {
            givenOpenTicket(new NoteAdded(TICKET, "n-1", NOTE, ALICE))
                    .when(new EditNote(TICKET, "n-1", edited), by(ALICE))
                    .expectEvents(new NoteEdited(TICKET, "n-1", edited));
            setUp();
            givenOpenTicket(new ChargeAdded(TICKET, "c-1", CHARGE, ALICE))
                    .when(new DeleteCharge(TICKET, "c-1"), by(ALICE))
                    .expectEvents(new ChargeDeleted(TICKET, "c-1"));
        }

        @Test
        void nobodyElseEdits() {
            expectRule(givenOpenTicket(new NoteAdded(TICKET, "n-1", NOTE, ALICE))
                    .when(new EditNote(TICKET, "n-1", edited), by(BOB)), "own-items-only");
        }

        @Test
        void nobodyElseDeletes() {
            expectRule(givenOpenTicket(new TimeLogged(TICKET, "te-1", work("1").withDefaultHoursToBill(), ALICE))
                    .when(new DeleteTimeEntry(TICKET, "te-1"), by(BOB)), "own-items-only");
            setUp();
            expectRule(givenOpenTicket(new AttachmentAdded(TICKET, "a-1",
                    new AttachmentContent("log", Visibility.INTERNAL), FILE, ALICE))
                    .when(new DeleteAttachment(TICKET, "a-1"), by(BOB)), "own-items-only");
        }

        @Test
        void aDeletedItemIsGone() {
            givenOpenTicket(new NoteAdded(TICKET, "n-1", NOTE, ALICE), new NoteDeleted(TICKET, "n-1"))
                    .when(new EditNote(TICKET, "n-1", edited), by(ALICE))
                    .expectNoEvents().expectException(UnknownItem.class);
        }

        @Test
        void anItemIdIsUsedOnce() {
            expectRule(givenOpenTicket(new NoteAdded(TICKET, "n-1", NOTE, ALICE))
                    .when(new AddNote(TICKET, "n-1", NOTE), by(ALICE)), "item-id-unique");
        }
    }

    @Nested
    class Time {
        @Test
        void billableWorkBillsTheHoursWorkedUnlessToldOtherwise() {
            givenOpenTicket().when(new LogTime(TICKET, "te-1", work("1.5")), by(ALICE))
                             .expectEvents(new TimeLogged(TICKET, "te-1", new TimeEntryContent("r-1", TODAY,
                                     Hours.of("1.5"), Hours.of("1.5"), true, "fixing"), ALICE));
        }

        /** Only a registered resource's time is logged; an entry keeps the resource it was logged with. */
        @Test
        void timeIsLoggedForARegisteredResource() {
            expectRule(givenOpenTicket().when(new LogTime(TICKET, "te-1", new TimeEntryContent("r-ghost", TODAY,
                    Hours.of("1"), null, true, "fixing")), by(ALICE)), "known-resource");
            setUp();
            TimeLogged beforeTheRule = new TimeLogged(TICKET, "te-1", new TimeEntryContent("r-ghost", TODAY,
                    Hours.of("1"), Hours.of("1"), true, "fixing"), ALICE);
            givenOpenTicket(beforeTheRule).when(new EditTimeEntry(TICKET, "te-1", new TimeEntryContent("r-ghost",
                            TODAY, Hours.of("2"), null, true, "fixing")), by(ALICE))
                    .expectEvents(new TimeEntryEdited(TICKET, "te-1", new TimeEntryContent("r-ghost", TODAY,
                            Hours.of("2"), Hours.of("2"), true, "fixing")));
            setUp();
            expectRule(givenOpenTicket(beforeTheRule).when(new EditTimeEntry(TICKET, "te-1", new TimeEntryContent(
                    "r-phantom", TODAY, Hours.of("1"), null, true, "fixing")), by(ALICE)), "known-resource");
        }

        /** A resource that left logs no more time; what it logged before can still be corrected. */
        @Test
        void aDeactivatedResourceLogsNoMoreTime() {
            expectRule(givenOpenTicket().when(new LogTime(TICKET, "te-1", new TimeEntryContent("r-left", TODAY,
                    Hours.of("1"), null, true, "fixing")), by(ALICE)), "active-resource");
            setUp();
            TimeLogged before = new TimeLogged(TICKET, "te-1", new TimeEntryContent("r-left", TODAY, Hours.of("1"),
                    Hours.of("1"), true, "fixing"), ALICE);
            givenOpenTicket(before).when(new EditTimeEntry(TICKET, "te-1", new TimeEntryContent("r-left", TODAY,
                            Hours.of("2"), null, true, "fixing")), by(ALICE))
                    .expectEvents(new TimeEntryEdited(TICKET, "te-1", new TimeEntryContent("r-left", TODAY,
                            Hours.of("2"), Hours.of("2"), true, "fixing")));
        }

        @Test
        void nonBillableWorkBillsNothing() {
            TimeEntryContent internal = new TimeEntryContent("r-1", TODAY, Hours.of("2"), null, false, "training");
            givenOpenTicket().when(new LogTime(TICKET, "te-1", internal), by(ALICE))
                             .expectEvents(new TimeLogged(TICKET, "te-1", new TimeEntryContent("r-1", TODAY,
                                     Hours.of("2"), Hours.ZERO, false, "training"), ALICE));
            setUp();
            expectRule(givenOpenTicket().when(new LogTime(TICKET, "te-1", new TimeEntryContent("r-1", TODAY,
                    Hours.of("2"), Hours.of("1"), false, "training")), by(ALICE)), "non-billable-bills-no-hours");
        }

        @Test
        void hoursWorkedArePositive() {
            expectRule(givenOpenTicket().when(new LogTime(TICKET, "te-1", work("0")), by(ALICE)),
                    "hours-worked-positive-within-a-day");
            setUp();
            expectRule(givenOpenTicket().when(new LogTime(TICKET, "te-1", work("-1")), by(ALICE)),
                    "hours-worked-positive-within-a-day");
        }

        @Test
        void oneEntryHasAtMost24Hours() {
            expectRule(givenOpenTicket().when(new LogTime(TICKET, "te-1", work("24.25")), by(ALICE)),
                    "hours-worked-positive-within-a-day");
        }

        @Test
        void hoursToBillStayWithinADay() {
            expectRule(givenOpenTicket().when(new LogTime(TICKET, "te-1", new TimeEntryContent("r-1", TODAY,
                    Hours.of("1"), Hours.of("-0.5"), true, null)), by(ALICE)), "hours-to-bill-within-a-day");
            setUp();
            expectRule(givenOpenTicket().when(new LogTime(TICKET, "te-1", new TimeEntryContent("r-1", TODAY,
                    Hours.of("1"), Hours.of("25"), true, null)), by(ALICE)), "hours-to-bill-within-a-day");
        }

        @Test
        void aResourceHasAtMost24HoursADayOnTheTicket() {
            TimeLogged morning = new TimeLogged(TICKET, "te-1", work("20").withDefaultHoursToBill(), ALICE);
            expectRule(givenOpenTicket(morning).when(new LogTime(TICKET, "te-2", work("4.5")), by(ALICE)),
                    "at-most-24-hours-a-day");
            setUp();
            // an edit replaces the entry's own hours instead of adding to them
            givenOpenTicket(morning).when(new EditTimeEntry(TICKET, "te-1", work("23")), by(ALICE))
                                    .expectEvents(new TimeEntryEdited(TICKET, "te-1", work("23").withDefaultHoursToBill()));
            setUp();
            // another day, or another resource, is counted apart
            givenOpenTicket(morning).when(new LogTime(TICKET, "te-2", new TimeEntryContent("r-2", TODAY, Hours.of("8"),
                    null, true, null)), by(ALICE)).expectSuccessfulHandlerExecution();
        }

        @Test
        void noTimeLoggedForADayThatHasNotBegunAnywhere() {
            // at 12:00 UTC it is already the next day from UTC+12 on: that may be logged, the day after may not
            givenOpenTicket().when(new LogTime(TICKET, "te-1", new TimeEntryContent("r-1", TODAY.plusDays(1),
                    Hours.of("1"), null, true, null)), by(ALICE)).expectSuccessfulHandlerExecution();
            setUp();
            expectRule(givenOpenTicket().when(new LogTime(TICKET, "te-1", new TimeEntryContent("r-1", TODAY.plusDays(2),
                    Hours.of("1"), null, true, null)), by(ALICE)), "no-time-logged-in-advance");
        }
    }

    @Nested
    class Charges {
        @Test
        void areAdded() {
            givenOpenTicket().when(new AddCharge(TICKET, "c-1", CHARGE), by(ALICE))
                             .expectEvents(new ChargeAdded(TICKET, "c-1", CHARGE, ALICE));
        }

        @Test
        void needAPositiveQuantity() {
            expectRule(givenOpenTicket().when(new AddCharge(TICKET, "c-1", new ChargeContent(TODAY, "cable",
                    BigDecimal.ZERO, Money.of("1"), Money.of("2"), true)), by(ALICE)), "charge-quantity-positive");
        }

        @Test
        void haveNoNegativeAmounts() {
            expectRule(givenOpenTicket().when(new AddCharge(TICKET, "c-1", new ChargeContent(TODAY, "cable",
                    BigDecimal.ONE, Money.of("-1"), Money.of("2"), true)), by(ALICE)), "charge-amounts-not-negative");
            setUp();
            expectRule(givenOpenTicket(new ChargeAdded(TICKET, "c-1", CHARGE, ALICE))
                    .when(new EditCharge(TICKET, "c-1", new ChargeContent(TODAY, "cable", BigDecimal.ONE, Money.of("1"),
                            Money.of("-2"), true)), by(ALICE)), "charge-amounts-not-negative");
        }
    }

    @Nested
    class Attachments {
        @Test
        void areAddedAndTheirDetailsEdited() {
            AttachmentContent details = new AttachmentContent("log", Visibility.INTERNAL);
            givenOpenTicket().when(new AddAttachment(TICKET, "a-1", details, FILE), by(ALICE))
                             .expectEvents(new AttachmentAdded(TICKET, "a-1", details, FILE, ALICE));
            setUp();
            AttachmentContent shared = new AttachmentContent("server log", Visibility.EXTERNAL);
            givenOpenTicket(new AttachmentAdded(TICKET, "a-1", details, FILE, ALICE))
                    .when(new EditAttachment(TICKET, "a-1", shared), by(ALICE))
                    .expectEvents(new AttachmentEdited(TICKET, "a-1", shared));
        }
    }
}
