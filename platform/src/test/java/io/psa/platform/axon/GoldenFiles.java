package io.psa.platform.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.psa.platform.ExactDecimals;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The golden files of the stored events under {@code src/test/resources/stored-events}: one stored form each, as
 * {@code {"type", "revision", "payload"}}. {@code legacy/<name>.json} is what a store written before stable names
 * holds (class name, no revision); {@code <name>@<revision>.json} is each revision's form under its stable name.
 * Golden files are written once, when a revision is born, and never changed: stores hold them for years.
 */
final class GoldenFiles {
    static final Path DIRECTORY = Path.of("src/test/resources/stored-events");
    /** Where a form without a golden file is written for review. */
    static final Path NEW_FILES = Path.of("target/new-stored-events");

    /** The mapper the system stores events with: Spring Boot's, dates as ISO text, decimals exact. */
    static final ObjectMapper STORAGE = ExactDecimals.configure(Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build());

    record StoredForm(String type, String revision, JsonNode payload) {
        String payloadText() {
            return payload.toString();
        }
    }

    private GoldenFiles() {
    }

    static Path legacy(String storedName) {
        return DIRECTORY.resolve("legacy").resolve(storedName + ".json");
    }

    static Path current(String storedName, String revision) {
        return DIRECTORY.resolve(storedName + "@" + revision + ".json");
    }

    static StoredForm read(Path file) {
        try {
            JsonNode node = STORAGE.readTree(file.toFile());
            return new StoredForm(node.get("type").asText(), node.get("revision").isNull() ? null
                    : node.get("revision").asText(), node.get("payload"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StoredForm form(String type, String revision, String payload) {
        try {
            return new StoredForm(type, revision, STORAGE.readTree(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, StoredForm form) {
        ObjectNode node = STORAGE.createObjectNode();
        node.put("type", form.type());
        node.put("revision", form.revision());
        node.set("payload", form.payload());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, STORAGE.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
