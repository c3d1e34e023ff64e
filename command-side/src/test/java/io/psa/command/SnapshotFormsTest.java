package io.psa.command;

import io.psa.api.outsourcing.PartnerAuthor;
import io.psa.api.ticket.Hours;
import io.psa.api.ticket.TimeEntryContent;
import io.psa.command.contract.Contract;
import io.psa.command.ticket.Ticket;
import io.psa.platform.axon.stored.StoredEventsConfiguration;
import io.psa.platform.test.GoldenFiles;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static io.psa.api.contract.ContractMessages.*;
import static io.psa.api.ticket.TicketEvents.*;
import static io.psa.platform.test.EventSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot is an aggregate's state as fields, stored under the aggregate's {@code @Revision}; loading ignores a
 * snapshot of another revision. So the form of each revision is pinned by a golden file: a change to an aggregate's
 * state that changes its form fails here until its revision is raised (older snapshots are then ignored, not
 * misread).
 */
class SnapshotFormsTest {
    private static final Serializer SNAPSHOTS = StoredEventsConfiguration.snapshotSerializer(GoldenFiles.JSON,
            new AnnotationRevisionResolver());

    /** An aggregate with snapshots, and events that leave every field of its state filled. */
    record Filled(Class<?> type, List<Object> events) {
        String revision() {
            return type.getAnnotation(Revision.class).value();
        }

        Path golden() {
            return GoldenFiles.RESOURCES.resolve("snapshots/" + type.getSimpleName() + "@" + revision() + ".json");
        }

        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    static Stream<Filled> aggregatesWithSnapshots() {
        String ticketId = ((TicketOpened) sample(TicketOpened.class)).ticketId();
        TimeEntryContent partnerWork = new TimeEntryContent("partner-resource", LocalDate.of(2026, 1, 14),
                Hours.of("2"), Hours.of("1.5"), true, "earlier outsourcing");
        return Stream.of(
                new Filled(Ticket.class, List.of(sample(TicketOpened.class), sample(SlaApplied.class),
                        sample(SlaClocksPaused.class), sample(NoteAdded.class), sample(TimeLogged.class),
                        sample(ChargeAdded.class), sample(AttachmentAdded.class),
                        new TimeLogged(ticketId, "partner-entry", partnerWork, PartnerAuthor.of("a-0", "pat")),
                        sample(TicketForwarded.class), sample(TicketOutsourced.class),
                        sample(OutsourcingStatusChanged.class), sample(SubcontractorFeeCharged.class),
                        sample(TicketAssigned.class), sample(TicketStatusChanged.class))),
                new Filled(Contract.class, List.of(sample(ContractCreated.class), sample(ContractServiceAdded.class),
                        sample(ContractTermsChanged.class), sample(ContractServiceChanged.class),
                        sample(ContractServiceEnded.class))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aggregatesWithSnapshots")
    void everyFieldIsStoredInTheFormOfItsRevision(Filled filled) {
        SerializedObject<String> stored = SNAPSHOTS.serialize(stateAfter(filled), String.class);
        assertThat(stored.getType().getRevision()).isEqualTo(filled.revision());
        GoldenFiles.assertMatches(filled.golden(), GoldenFiles.tree(stored.getData()), "The state of "
                + filled.type().getSimpleName() + " changed its stored form: raise its @Revision (older snapshots are "
                + "then ignored) and add the golden file of the new revision.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aggregatesWithSnapshots")
    void theStoredFormReadsBackToTheSameState(Filled filled) {
        String golden = GoldenFiles.read(filled.golden()).toString();
        Object read = SNAPSHOTS.deserialize(new SimpleSerializedObject<>(golden, String.class,
                new SimpleSerializedType(filled.type().getName(), filled.revision())));
        assertThat(read).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(stateAfter(filled));
        assertThat(GoldenFiles.tree(SNAPSHOTS.serialize(read, String.class).getData()).toString()).isEqualTo(golden);
    }

    /** The aggregate as Axon's repository builds it from its events. */
    private static <T> T stateAfter(Filled filled) {
        @SuppressWarnings("unchecked") Class<T> type = (Class<T>) filled.type();
        AtomicLong sequence = new AtomicLong();
        Instant at = Instant.parse("2026-01-15T09:00:00Z");
        List<GenericDomainEventMessage<Object>> events = filled.events().stream()
                .map(payload -> new GenericDomainEventMessage<>(type.getSimpleName(), "aggregate-1",
                        sequence.get(), payload, MetaData.emptyInstance(), "event-" + sequence.getAndIncrement(), at))
                .toList();
        EventSourcedAggregate<T> aggregate = EventSourcedAggregate.initialize(
                new GenericAggregateFactory<>(type).createAggregateRoot("aggregate-1", events.get(0)),
                AnnotatedAggregateMetaModelFactory.inspectAggregate(type), null, NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(DomainEventStream.of(events.stream()));
        return aggregate.getAggregateRoot();
    }
}
