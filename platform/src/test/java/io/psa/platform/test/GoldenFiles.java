package io.psa.platform.test;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Golden files: published JSON forms under {@code src/test/resources}, written once when a form is born and never
 * changed, because stores and partners hold them for years. Stored events are kept as
 * {@code {"type", "revision", "payload"}}: {@code stored-events/legacy/<name>.json} is what a store written before
 * stable names holds (class name, no revision), {@code stored-events/<name>@<revision>.json} each revision's form.
 */
public final class GoldenFiles {
    public static final Path RESOURCES = Path.of("src/test/resources");
    public static final Path STORED_EVENTS = RESOURCES.resolve("stored-events");
    /** Where a form without a golden file is written for review. */
    private static final Path NEW_FILES = Path.of("target/new-golden-files");

    /** The mapper the system stores and serves JSON with: Spring Boot's, dates as ISO text, decimals exact. */
    public static final ObjectMapper JSON = ExactDecimals.configure(Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build());

    public record StoredForm(String type, String revision, JsonNode payload) {
        public String payloadText() {
            return payload.toString();
        }

        public JsonNode asFile() {
            ObjectNode node = JSON.createObjectNode();
            node.put("type", type);
            node.put("revision", revision);
            node.set("payload", payload);
            return node;
        }

        public static StoredForm of(JsonNode file) {
            return new StoredForm(file.get("type").asText(), file.get("revision").isNull() ? null
                    : file.get("revision").asText(), file.get("payload"));
        }
    }

    private GoldenFiles() {
    }

    public static Path legacy(String storedName) {
        return STORED_EVENTS.resolve("legacy").resolve(storedName + ".json");
    }

    public static Path current(String storedName, String revision) {
        return STORED_EVENTS.resolve(storedName + "@" + revision + ".json");
    }

    public static StoredForm readStored(Path file) {
        return StoredForm.of(read(file));
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails unless {@code actual} is exactly the golden file's form (numbers with their scale). Without a golden
     * file, the form is written under target for review and the test fails: a new form is a decision, not a default.
     */
    public static void assertMatches(Path golden, JsonNode actual, String whenChanged) {
        if (!Files.exists(golden)) {
            Path review = NEW_FILES.resolve(RESOURCES.relativize(golden));
            write(review, actual);
            fail("No golden file " + golden + ": review " + review + " and copy it there.");
        }
        assertEquals(read(golden), actual, whenChanged);
    }

    private static void write(Path file, JsonNode node) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
