package io.psa.platform.axon;

import io.psa.api.message.StoredAs;
import io.psa.api.outsourcing.OutsourcingTerms;
import io.psa.api.ticket.TicketCommands.OutsourceTicket;
import io.psa.api.ticket.TicketEvents.TicketOutsourced;
import io.psa.platform.axon.GoldenFiles.StoredForm;
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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Stored events are a published format: every event is stored under its stable name and revision exactly as its
 * golden file says, and every stored form we ever wrote (golden files, including those of stores from before stable
 * names) still reads, through the upcasters, into today's event.
 */
class StoredEventsTest {
    private static final StoredEventTypes TYPES = new StoredEventTypes();
    private static final Serializer SERIALIZER =
            StableNameSerializer.of(GoldenFiles.STORAGE, new AnnotationRevisionResolver(), TYPES);
    private static final EventUpcaster UPCASTERS = StoredEventUpcasters.chain(TYPES);

    /** How the sample stored before stable names reads today, for each event whose shape changed since. */
    private static final Map<String, Object> CHANGED = Map.of(
            "ticket.TicketOutsourced", new TicketOutsourced("ticketId-1", "agreementId-1", "partnerName-1",
                    (OutsourcingTerms) EventSamples.sample(OutsourcingTerms.class),
                    Instant.parse("2026-01-15T10:00:00Z")));

    static Stream<Class<?>> events() {
        return TYPES.all().stream();
    }

    static Stream<Path> goldenFiles() throws IOException {
        try (Stream<Path> files = Files.walk(GoldenFiles.DIRECTORY)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void isStoredUnderItsNameAndRevisionAsItsGoldenFileSays(Class<?> type) {
        SerializedObject<String> stored = SERIALIZER.serialize(EventSamples.sample(type), String.class);
        StoredForm form = GoldenFiles.form(stored.getType().getName(), stored.getType().getRevision(),
                stored.getData());
        assertEquals(type.getAnnotation(StoredAs.class).value(), form.type());
        Path golden = GoldenFiles.current(form.type(), form.revision());
        if (!Files.exists(golden)) {
            Path review = GoldenFiles.NEW_FILES.resolve(golden.getFileName());
            GoldenFiles.write(review, form);
            fail("No golden file for " + form.type() + " revision " + form.revision() + ". A new revision needs one "
                 + "(and an upcaster from the old one): review " + review + " and copy it to " + golden + ".");
        }
        assertEquals(GoldenFiles.read(golden), form, "the stored form of a revision never changes: raise the revision");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void readsFromItsGoldenFileAsTheSampleItWasWrittenFrom(Class<?> type) {
        String revision = SERIALIZER.typeForClass(type).getRevision();
        Path golden = GoldenFiles.current(type.getAnnotation(StoredAs.class).value(), revision);
        assertEquals(EventSamples.sample(type), read(GoldenFiles.read(golden)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void readsFromTheFormStoredBeforeStableNames(Class<?> type) {
        String name = type.getAnnotation(StoredAs.class).value();
        boolean changed = !"1".equals(SERIALIZER.typeForClass(type).getRevision());
        assertEquals(changed, CHANGED.containsKey(name), "an event whose shape changed says here how it reads");
        assertEquals(CHANGED.getOrDefault(name, EventSamples.sample(type)), read(GoldenFiles.read(GoldenFiles.legacy(name))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void everyFormEverStoredReadsAsTheEventItsNameMeansToday(Path file) {
        StoredForm form = GoldenFiles.read(file);
        String name = file.getFileName().toString().replaceFirst("(@.*)?\\.json$", "");
        assertInstanceOf(TYPES.classOf(name).orElseThrow(() -> new AssertionError(name + " is stored but no event "
                                                                                  + "has that name")), read(form));
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
