package io.psa.platform.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV downloads. Every text cell that a spreadsheet would take for a formula (it starts with =, +, -, @, a tab or a
 * carriage return) gets a leading apostrophe, so a contract named {@code =HYPERLINK(...)} stays text when the file is
 * opened; numbers are written as plain numbers.
 */
public final class CsvAnswers {
    public static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .addModule(new SimpleModule("spreadsheet-safe").addSerializer(String.class, new SpreadsheetSafeText()))
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private CsvAnswers() {
    }

    /** The rows as a CSV attachment with a header line; the columns are the fields of {@code type}, in its order. */
    public static <T> ResponseEntity<String> csv(List<T> rows, Class<T> type, String fileName) {
        try {
            String body = MAPPER.writer(MAPPER.schemaFor(type).withHeader()).writeValueAsString(rows);
            return ResponseEntity.ok().contentType(CSV)
                                 .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                         .filename(fileName, StandardCharsets.UTF_8).build().toString())
                                 .body(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + fileName, e);
        }
    }

    static String spreadsheetSafe(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }

    private static final class SpreadsheetSafeText extends StdScalarSerializer<String> {
        SpreadsheetSafeText() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(spreadsheetSafe(value));
        }
    }
}
