package io.psa.platform.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.psa.api.message.StoredAs;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Wrote the golden files of the stored form before stable names existed: each event as Axon's Jackson serializer
 * stored it then, under its class name and without a revision. Kept to show where stored-events/legacy came from;
 * run once, on the code of that day (`java ... LegacyGoldenFiles platform/src/test/resources/stored-events/legacy`).
 */
final class LegacyGoldenFiles {
    private LegacyGoldenFiles() {
    }

    /** The mapper the system stores events with: Spring Boot's, dates as ISO text. */
    static ObjectMapper storageMapper() {
        return Jackson2ObjectMapperBuilder.json().featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                                         .build();
    }

    /** Reads and writes stored JSON as it is: 12.50 stays 12.50. */
    static ObjectMapper exact(ObjectMapper json) {
        return json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                   .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = storageMapper();
        JacksonSerializer legacy = JacksonSerializer.builder().objectMapper(json).revisionResolver(type -> null).build();
        ObjectMapper files = exact(json);
        Path directory = Path.of(args[0]);
        Files.createDirectories(directory);
        for (Class<?> type : EventSamples.storedEventClasses()) {
            SerializedObject<String> stored = legacy.serialize(EventSamples.sample(type), String.class);
            ObjectNode file = files.createObjectNode();
            file.put("type", stored.getType().getName());
            file.put("revision", stored.getType().getRevision());
            file.set("payload", files.readTree(stored.getData()));
            Files.writeString(directory.resolve(type.getAnnotation(StoredAs.class).value() + ".json"),
                    files.writerWithDefaultPrettyPrinter().writeValueAsString(file) + "\n");
        }
    }
}
