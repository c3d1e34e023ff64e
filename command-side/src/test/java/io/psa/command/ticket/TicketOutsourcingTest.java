package io.psa.command.ticket;

import io.psa.api.message.MessageMetadata;
import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.api.outsourcing.OutsourcingStatus;
import io.psa.api.outsourcing.OutsourcingTerms;
import io.psa.api.outsourcing.OutsourcingTransition;
import io.psa.api.outsourcing.PartnerAuthor;
import io.psa.api.outsourcing.SyncFact;
import io.psa.api.rule.RuleViolation;
import io.psa.api.ticket.ChargeContent;
import io.psa.api.ticket.Hours;
import io.psa.api.ticket.Money;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.TicketStatus;
import io.psa.api.ticket.TimeEntryContent;
import io.psa.api.ticket.Visibility;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.psa.api.ticket.TicketCommands.*;
import static io.psa.api.ticket.TicketEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The outsourcing workflow's rules on the ticket, on the lead's side and on the partner's copy. */
class TicketOutsourcingTest {
    private static final String TICKET = "t-1";
    private static final String AGREEMENT = "ag-1";
    private static final String ALICE = "alice";
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final OutsourcingTerms TERMS = new OutsourcingTerms("on site", Money.of("80"));
    private static final String PARTNER_TECH = PartnerAuthor.of(AGREEMENT, "pete");

    private static final TicketOpened OPENED = new TicketOpened(TICKET, "acme", "Server", "disk", Priority.of(2),
            null, null, null);
    private static final TicketOutsourced OUTSOURCED = new TicketOutsourced(TICKET, AGREEMENT, "Partner AG", TERMS,
            null);
    private static final TicketInsourced INSOURCED = new TicketInsourced(TICKET, AGREEMENT, "Lead GmbH", "lead-t-1",
            TERMS, null);

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerInjectableResource(io.psa.command.contract.ReferenceFixtures.referenceData(null));
    }

    private static OutsourcingStatusChanged moved(OutsourcingSide side, OutsourcingTransition transition,
                                                  OutsourcingStatus from, boolean remote) {
        return new OutsourcingStatusChanged(TICKET, AGREEMENT, side, transition, from, transition.to(), null, remote,
                null);
    }

    private static final OutsourcingStatusChanged SENT = moved(OutsourcingSide.LEAD, OutsourcingTransition.SEND,
            OutsourcingStatus.UNSENT, false);
    private static final OutsourcingStatusChanged ACCEPTED = moved(OutsourcingSide.LEAD, OutsourcingTransition.ACCEPT,
            OutsourcingStatus.ASSIGNED, true);

    private TestExecutor<Ticket> given(Object... events) {
        return fixture.givenCurrentTime(NOW).andGiven(OPENED).andGiven(events);
    }

    private static Map<String, Object> by(String actor) {
        return Map.of(MessageMetadata.ACTOR, actor);
    }

    private static void expectRule(ResultValidator<Ticket> result, String rule) {
        result.expectNoEvents().expectException(Matchers.predicate(
                e -> e instanceof RuleViolation violation && violation.rule().equals(rule)));
    }

    /** The events, checked by a predicate over their payloads (system notes carry fresh ids). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void expectPayloads(ResultValidator<Ticket> result, Predicate<List<Object>> check) {
        result.expectSuccessfulHandlerExecution().expectEventsMatching((org.hamcrest.Matcher) Matchers.predicate(
                events -> check.test(((List<EventMessage<?>>) events).stream().map(EventMessage::getPayload)
                                                                     .map(Object.class::cast).toList())));
    }

    private static SyncFact transitionFact(OutsourcingTransition transition) {
        return new SyncFact(1, "f-1", NOW, "lead-t-1", SyncFact.Type.TRANSITION, null, transition, "because", null, null,
                null, null, null, null, null, null);
    }

    private static SyncFact noteFact(String noteId) {
        return new SyncFact(1, "f-" + noteId, NOW, "lead-t-1", SyncFact.Type.ITEM_SHARED, null, null, null,
                SyncFact.ItemKind.NOTE, noteId, "pete", new NoteContent("On site", "done", Visibility.EXTERNAL), null,
                null, null, null);
    }

    private static SyncFact detailsFact(String title, String description, Priority priority) {
        return new SyncFact(1, "f-details", NOW, "lead-t-1", SyncFact.Type.DETAILS_CHANGED,
                new SyncFact.Handover(title, description, priority, null, null), null, null, null, null, null, null,
                null, null, null, null);
    }

    @Test
    void theLeadsNewDetailsAndPriorityReachThePartnersCopyWhateverItsStatus() {
        given(INSOURCED).when(new ApplyPartnerFact(TICKET, AGREEMENT, detailsFact("Server room", "new disk", null)))
                        .expectEvents(new TicketDetailsChanged(TICKET, "Server room", "new disk"));
        given(INSOURCED, new TicketStatusChanged(TICKET, TicketStatus.NEW, TicketStatus.COMPLETE))
                .when(new ApplyPartnerFact(TICKET, AGREEMENT, detailsFact(null, null, Priority.of(1))))
                .expectEvents(new TicketPriorityChanged(TICKET, Priority.of(2), Priority.of(1), null, Map.of()));
        given(INSOURCED).when(new ApplyPartnerFact(TICKET, AGREEMENT, detailsFact(null, null, Priority.of(2))))
                        .expectNoEvents().expectSuccessfulHandlerExecution();
    }

    @Test
    void onlyTheLeadsDetailsAreTakenAndOnlyWhileTheCopySyncs() {
        expectRule(given(OUTSOURCED, SENT).when(new ApplyPartnerFact(TICKET, AGREEMENT,
                detailsFact("Renamed by the partner", null, null))), "details-from-the-lead");
        expectRule(given(INSOURCED, moved(OutsourcingSide.PARTNER, OutsourcingTransition.DECLINE,
                OutsourcingStatus.ASSIGNED, false)).when(new ApplyPartnerFact(TICKET, AGREEMENT,
                detailsFact("Too late", null, null))), "details-while-linked");
        given(INSOURCED, moved(OutsourcingSide.PARTNER, OutsourcingTransition.ACCEPT, OutsourcingStatus.ASSIGNED,
                false), moved(OutsourcingSide.PARTNER, OutsourcingTransition.REPORT_DONE, OutsourcingStatus.ACCEPTED,
                false)).when(new ApplyPartnerFact(TICKET, AGREEMENT, detailsFact("Renamed meanwhile", null, null)))
                       .expectEvents(new TicketDetailsChanged(TICKET, "Renamed meanwhile", null));
        expectRule(given(INSOURCED).when(new ApplyPartnerFact(TICKET, "ag-other", detailsFact("Other", null, null))),
                "linked-by-this-agreement");
    }

    @Test
    void preparingAnOutsourcingLeavesItUnsentWithANote() {
        expectPayloads(given().when(new OutsourceTicket(TICKET, AGREEMENT, "Partner AG", TERMS, null)),
                events -> events.get(0).equals(OUTSOURCED) && events.get(1) instanceof NoteAdded note
                          && note.content().visibility() == Visibility.INTERNAL && note.author().equals("system"));
    }

    @Test
    void aRunningOutsourcingCannotBeStartedAgain() {
        expectRule(given(OUTSOURCED, SENT).when(new OutsourceTicket(TICKET, AGREEMENT, "Partner AG", TERMS, null)),
                "outsourcing-not-running");
    }

    @Test
    void aDeclinedOutsourcingMayGoToAnotherPartner() {
        expectPayloads(given(OUTSOURCED, SENT, moved(OutsourcingSide.LEAD, OutsourcingTransition.DECLINE,
                        OutsourcingStatus.ASSIGNED, true))
                        .when(new OutsourceTicket(TICKET, "ag-2", "Other AG", TERMS, null)),
                events -> events.get(0) instanceof TicketOutsourced outsourced && outsourced.agreementId().equals("ag-2"));
    }

    @Test
    void anInsourcedTicketIsNotOutsourcedFurther() {
        expectRule(given(INSOURCED).when(new OutsourceTicket(TICKET, AGREEMENT, "Partner AG", TERMS, null)),
                "insourced-ticket-stays-here");
    }

    @Test
    void thePartnerCannotMakeTheLeadsMoves() {
        expectRule(given(INSOURCED).when(new MoveOutsourcing(TICKET, OutsourcingTransition.CANCEL, null)),
                "outsourcing-move-by-its-side");
        expectRule(given(OUTSOURCED, SENT).when(new ApplyPartnerFact(TICKET, AGREEMENT,
                transitionFact(OutsourcingTransition.COMPLETE))), "outsourcing-fact-by-the-other-side");
    }

    @Test
    void cancelIsPossibleOnlyBeforeAcceptance() {
        expectPayloads(given(OUTSOURCED, SENT).when(new MoveOutsourcing(TICKET, OutsourcingTransition.CANCEL, null)),
                events -> events.get(0) instanceof OutsourcingStatusChanged moved
                          && moved.to() == OutsourcingStatus.CANCELED);
        expectRule(given(OUTSOURCED, SENT, ACCEPTED).when(new MoveOutsourcing(TICKET, OutsourcingTransition.CANCEL,
                null)), "outsourcing-transition");
    }

    @Test
    void sendCarriesWhatThePartnerNeedsToOpenItsCopy() {
        expectPayloads(given(OUTSOURCED).when(new MoveOutsourcing(TICKET, OutsourcingTransition.SEND, null)),
                events -> events.get(0) instanceof OutsourcingStatusChanged moved && moved.handover() != null
                          && moved.handover().title().equals("Server") && moved.handover().terms().equals(TERMS));
    }

    @Test
    void anAcceptanceAfterTheAcceptByTimeIsRefused() {
        TicketInsourced late = new TicketInsourced(TICKET, AGREEMENT, "Lead GmbH", "lead-t-1", TERMS,
                NOW.minusSeconds(60));
        expectRule(given(late).when(new MoveOutsourcing(TICKET, OutsourcingTransition.ACCEPT, null)), "accept-by");
        expectPayloads(given(INSOURCED).when(new MoveOutsourcing(TICKET, OutsourcingTransition.ACCEPT, null)),
                events -> events.get(0) instanceof OutsourcingStatusChanged moved
                          && moved.to() == OutsourcingStatus.ACCEPTED);
    }

    @Test
    void anUnansweredAssignmentExpiresAtItsAcceptByTime() {
        TicketOutsourced withDeadline = new TicketOutsourced(TICKET, AGREEMENT, "Partner AG", TERMS,
                NOW.plus(Duration.ofHours(1)));
        given(withDeadline).when(new MoveOutsourcing(TICKET, OutsourcingTransition.SEND, null))
                           .expectScheduledDeadlineWithName(Duration.ofHours(1), Ticket.ACCEPT_BY_DEADLINE);
        fixture = new AggregateTestFixture<>(Ticket.class);
        expectPayloads(given(withDeadline).andGivenCommands(new MoveOutsourcing(TICKET, OutsourcingTransition.SEND,
                        null)).whenTimeElapses(Duration.ofHours(2)),
                events -> events.get(0) instanceof OutsourcingStatusChanged moved
                          && moved.transition() == OutsourcingTransition.EXPIRE && moved.to() == OutsourcingStatus.DECLINED);
    }

    @Test
    void factsOfAnotherAgreementAreRefused() {
        expectRule(given(OUTSOURCED, SENT, ACCEPTED).when(new ApplyPartnerFact(TICKET, "ag-other", noteFact("n-1"))),
                "linked-by-this-agreement");
    }

    @Test
    void itemsSyncOnlyWhileLinked() {
        expectRule(given(OUTSOURCED).when(new ApplyPartnerFact(TICKET, AGREEMENT, noteFact("n-1"))),
                "sync-while-linked");
    }

    @Test
    void aPartnersNoteArrivesInternalOnlyAndASecondShareEditsIt() {
        NoteAdded arrived = new NoteAdded(TICKET, "n-1", new NoteContent("On site", "done", Visibility.INTERNAL),
                PARTNER_TECH);
        given(OUTSOURCED, SENT, ACCEPTED).when(new ApplyPartnerFact(TICKET, AGREEMENT, noteFact("n-1")))
                                         .expectEvents(arrived);
        given(OUTSOURCED, SENT, ACCEPTED, arrived).when(new ApplyPartnerFact(TICKET, AGREEMENT, noteFact("n-1")))
                                                  .expectEvents(new NoteEdited(TICKET, "n-1", arrived.content()));
    }

    @Test
    void aPartnerNeverChangesThisSidesItems() {
        NoteAdded ours = new NoteAdded(TICKET, "n-1", new NoteContent("Ours", "x", Visibility.EXTERNAL), ALICE);
        expectRule(given(OUTSOURCED, SENT, ACCEPTED, ours).when(new ApplyPartnerFact(TICKET, AGREEMENT,
                noteFact("n-1"))), "own-items-only");
    }

    @Test
    void completingTheTicketCompletesTheOutsourcingAndChargesThePartnersHours() {
        TimeLogged partnerWork = new TimeLogged(TICKET, "te-1", new TimeEntryContent("pete", LocalDate.of(2026, 3, 9),
                Hours.of("2.5"), Hours.of("2"), true, "swap"), PARTNER_TECH);
        expectPayloads(given(OUTSOURCED, SENT, ACCEPTED, partnerWork).when(
                new ChangeTicketStatus(TICKET, TicketStatus.COMPLETE)), events -> {
            OutsourcingStatusChanged completed = events.stream().filter(OutsourcingStatusChanged.class::isInstance)
                    .map(OutsourcingStatusChanged.class::cast).findFirst().orElseThrow();
            ChargeContent charge = events.stream().filter(ChargeAdded.class::isInstance).map(ChargeAdded.class::cast)
                    .findFirst().orElseThrow().content();
            assertThat(completed.transition()).isEqualTo(OutsourcingTransition.COMPLETE);
            assertThat(charge.quantity()).isEqualByComparingTo(new BigDecimal("2.5"));
            assertThat(charge.unitCost()).isEqualTo(Money.of("80"));
            assertThat(charge.billable()).isFalse();
            return true;
        });
    }

    @Test
    void theLeadMayCorrectThePartnersItemsOnlyOnceTheOutsourcingIsComplete() {
        NoteAdded partnerNote = new NoteAdded(TICKET, "n-1", new NoteContent("On site", "done", Visibility.INTERNAL),
                PARTNER_TECH);
        EditNote correction = new EditNote(TICKET, "n-1", new NoteContent("On site", "fixed", Visibility.INTERNAL));
        expectRule(given(OUTSOURCED, SENT, ACCEPTED, partnerNote).when(correction, by(ALICE)), "own-items-only");
        given(OUTSOURCED, SENT, ACCEPTED, partnerNote, moved(OutsourcingSide.LEAD, OutsourcingTransition.COMPLETE,
                OutsourcingStatus.ACCEPTED, false)).when(correction, by(ALICE))
                                                   .expectEvents(new NoteEdited(TICKET, "n-1", correction.content()));
    }

    @Test
    void thePartnerCompletingItsCopyReportsTheWorkDone() {
        expectPayloads(given(INSOURCED, moved(OutsourcingSide.PARTNER, OutsourcingTransition.ACCEPT,
                        OutsourcingStatus.ASSIGNED, false)).when(new ChangeTicketStatus(TICKET, TicketStatus.COMPLETE)),
                events -> events.stream().anyMatch(e -> e instanceof OutsourcingStatusChanged moved
                                                        && moved.to() == OutsourcingStatus.WAITING_APPROVAL));
    }

    @Test
    void theLeadsRejectionReopensTheCompletedCopy() {
        expectPayloads(given(INSOURCED, moved(OutsourcingSide.PARTNER, OutsourcingTransition.ACCEPT,
                        OutsourcingStatus.ASSIGNED, false), new TicketStatusChanged(TICKET, TicketStatus.NEW,
                        TicketStatus.COMPLETE), moved(OutsourcingSide.PARTNER, OutsourcingTransition.REPORT_DONE,
                        OutsourcingStatus.ACCEPTED, false))
                        .when(new ApplyPartnerFact(TICKET, AGREEMENT, transitionFact(OutsourcingTransition.REJECT))),
                events -> events.contains(new TicketStatusChanged(TICKET, TicketStatus.COMPLETE,
                        TicketStatus.IN_PROGRESS)));
    }

    @Test
    void aSubcontractorsFeeIsChargedOncePerAcceptance() {
        ChargeSubcontractorFee fee = new ChargeSubcontractorFee(TICKET, AGREEMENT, "Pete Repairs", Money.of("7.50"));
        expectPayloads(given(OUTSOURCED, SENT, ACCEPTED).when(fee), events -> {
            ChargeAdded charge = events.stream().filter(ChargeAdded.class::isInstance).map(ChargeAdded.class::cast)
                    .findFirst().orElseThrow();
            assertThat(charge.content().unitCost()).isEqualTo(Money.of("7.50"));
            assertThat(charge.content().billable()).isFalse();
            assertThat(events).contains(new SubcontractorFeeCharged(TICKET, AGREEMENT, "Pete Repairs",
                    charge.chargeId(), Money.of("7.50")));
            return true;
        });
        SubcontractorFeeCharged charged = new SubcontractorFeeCharged(TICKET, AGREEMENT, "Pete Repairs", "c-1",
                Money.of("7.50"));
        expectRule(given(OUTSOURCED, SENT, ACCEPTED, charged).when(fee), "fee-once-per-acceptance");
        expectRule(given(OUTSOURCED, SENT).when(fee), "fee-once-per-acceptance");
        // completed, outsourced and sent again, accepted again: a new acceptance, a new fee
        OutsourcingStatusChanged completed = moved(OutsourcingSide.LEAD, OutsourcingTransition.COMPLETE,
                OutsourcingStatus.ACCEPTED, false);
        OutsourcingStatusChanged sentAgain = new OutsourcingStatusChanged(TICKET, AGREEMENT, OutsourcingSide.LEAD,
                OutsourcingTransition.SEND, OutsourcingStatus.UNSENT, OutsourcingStatus.ASSIGNED, null, false, null);
        expectPayloads(given(OUTSOURCED, SENT, ACCEPTED, charged, completed, OUTSOURCED, sentAgain, ACCEPTED)
                .when(fee), events -> events.stream().anyMatch(SubcontractorFeeCharged.class::isInstance));
    }

    @Test
    void aLaterOutsourcingChargesOnlyItsOwnPartnersWork() {
        TimeLogged earlier = new TimeLogged(TICKET, "te-1", new TimeEntryContent("pete", LocalDate.of(2026, 3, 2),
                Hours.of("3"), Hours.of("3"), true, "first round"), PARTNER_TECH);
        OutsourcingStatusChanged declined = moved(OutsourcingSide.LEAD, OutsourcingTransition.DECLINE,
                OutsourcingStatus.ASSIGNED, true);
        TicketOutsourced again = new TicketOutsourced(TICKET, AGREEMENT, "Partner AG", TERMS, null);
        OutsourcingStatusChanged sentAgain = new OutsourcingStatusChanged(TICKET, AGREEMENT, OutsourcingSide.LEAD,
                OutsourcingTransition.SEND, OutsourcingStatus.UNSENT, OutsourcingStatus.ASSIGNED, null, false, null);
        TimeLogged later = new TimeLogged(TICKET, "te-2", new TimeEntryContent("pete", LocalDate.of(2026, 3, 9),
                Hours.of("1.5"), Hours.of("1.5"), true, "second round"), PARTNER_TECH);
        expectPayloads(given(OUTSOURCED, SENT, earlier, declined, again, sentAgain, ACCEPTED, later)
                .when(new ChangeTicketStatus(TICKET, TicketStatus.COMPLETE)), events -> {
            ChargeContent charge = events.stream().filter(ChargeAdded.class::isInstance).map(ChargeAdded.class::cast)
                    .findFirst().orElseThrow().content();
            assertThat(charge.quantity()).as("only the second round's hours").isEqualByComparingTo("1.5");
            return true;
        });
    }
}
