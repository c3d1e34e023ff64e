package io.psa.platform.axon;

import io.psa.api.message.StoredAs;
import io.psa.api.outsourcing.OutsourcingTerms;
import io.psa.api.ticket.TicketCommands.OutsourceTicket;
import io.psa.api.ticket.TicketEvents.TicketOutsourced;
import io.psa.platform.test.EventSamples;
import io.psa.platform.test.GoldenFiles;
import io.psa.platform.test.GoldenFiles.StoredForm;
import io.psa.platform.axon.stored.StableNameSerializer;
import io.psa.platform.axon.stored.StoredEventTypes;
import io.psa.platform.axon.stored.StoredEventUpcasters;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stored events are a published format: every event is stored under its stable name and revision exactly as its
 * golden file says, and every stored form we ever wrote (golden files, including those of stores from before stable
 * names) still reads, through the upcasters, into today's event.
 */
class StoredEventsTest {
    private static final StoredEventTypes TYPES = new StoredEventTypes();
    private static final Serializer SERIALIZER =
            StableNameSerializer.of(GoldenFiles.JSON, new AnnotationRevisionResolver(), TYPES);
    private static final EventUpcaster UPCASTERS = StoredEventUpcasters.chain(TYPES);

    /** How the sample stored before stable names reads today, for each event whose shape changed since. */
    private static final Map<String, Object> CHANGED = Map.of(
            "ticket.TicketOutsourced", new TicketOutsourced("ticketId-1", "agreementId-1", "partnerName-1",
                    (OutsourcingTerms) EventSamples.sample(OutsourcingTerms.class),
                    Instant.parse("2026-01-15T10:00:00Z")));

    /** Events first stored under their stable names: no store holds them in the form from before. */
    private static final Set<String> BORN_WITH_STABLE_NAMES = Set.of("ticket.TicketDetailsChanged",
            "ticket.TicketPriorityChanged", "ticket.TicketAssigned", "contract.ContractDetailsChanged",
            "contract.ContractTermsChanged", "contract.ContractServiceChanged", "contract.ContractServiceEnded",
            "contract.CompanyRenamed", "contract.ResourceRenamed", "contract.ResourceDeactivated",
            "contract.CompanyDeactivated", "contract.SlaTermsChanged", "contract.SlaDeactivated");

    static Stream<Class<?>> events() {
        return TYPES.all().stream();
    }

    static Stream<Class<?>> eventsStoredBeforeStableNames() {
        return events().filter(type -> !BORN_WITH_STABLE_NAMES.contains(type.getAnnotation(StoredAs.class).value()));
    }

    static Stream<Path> goldenFiles() throws IOException {
        try (Stream<Path> files = Files.walk(GoldenFiles.STORED_EVENTS)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void isStoredUnderItsNameAndRevisionAsItsGoldenFileSays(Class<?> type) {
        SerializedObject<String> stored = SERIALIZER.serialize(EventSamples.sample(type), String.class);
        StoredForm form = new StoredForm(stored.getType().getName(), stored.getType().getRevision(),
                GoldenFiles.tree(stored.getData()));
        assertEquals(type.getAnnotation(StoredAs.class).value(), form.type());
        GoldenFiles.assertMatches(GoldenFiles.current(form.type(), form.revision()), form.asFile(),
                "the stored form of a revision never changes: a new shape is a new revision with an upcaster");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void readsFromItsGoldenFileAsTheSampleItWasWrittenFrom(Class<?> type) {
        String revision = SERIALIZER.typeForClass(type).getRevision();
        Path golden = GoldenFiles.current(type.getAnnotation(StoredAs.class).value(), revision);
        assertEquals(EventSamples.sample(type), read(GoldenFiles.readStored(golden)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsStoredBeforeStableNames")
    void readsFromTheFormStoredBeforeStableNames(Class<?> type) {
        String name = type.getAnnotation(StoredAs.class).value();
        boolean changed = !"1".equals(SERIALIZER.typeForClass(type).getRevision());
        assertEquals(changed, CHANGED.containsKey(name), "an event whose shape changed says here how it reads");
        assertEquals(CHANGED.getOrDefault(name, EventSamples.sample(type)), read(GoldenFiles.readStored(GoldenFiles.legacy(name))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void everyFormEverStoredReadsAsTheEventItsNameMeansToday(Path file) {
        String name = file.getFileName().toString().replaceFirst("(@.*)?\\.json$", "");
        assertInstanceOf(TYPES.classOf(name).orElseThrow(() -> new AssertionError(name + " is stored but no event "
                                                                                  + "has that name")), read(GoldenFiles.readStored(file)));
    }

    @Test
    void anEventOfOursWithoutAStoredNameIsNotStored() {
        Object unnamed = EventSamples.sample(OutsourceTicket.class);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> SERIALIZER.serialize(unnamed, String.class));
        assertTrue(refused.getMessage().contains("OutsourceTicket"), refused.getMessage());
    }

    private static Object read(StoredForm form) {
        String metadata = SERIALIZER.serialize(MetaData.emptyInstance(), String.class).getData();
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>("Aggregate", "aggregate-1", 0, "event-1",
                Instant.EPOCH, form.type(), form.revision(), form.payloadText(), metadata);
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry), SERIALIZER, UPCASTERS).next()
                         .getPayload();
    }
}
