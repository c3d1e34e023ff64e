package io.psa.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the strict request reader refuses, and that it still reads what is right. */
class StrictJsonTest {
    enum Visibility { INTERNAL, EXTERNAL }

    record Body(String title, Integer priority, BigDecimal amount, Boolean billable, LocalDate date, Instant at,
                Visibility visibility, List<String> tags, Map<String, Integer> severities) {
    }

    private final ObjectMapper strict = StrictJson.forRequests(
            JsonMapper.builder().addModule(new JavaTimeModule()).build(), 10_000);

    @Test
    void readsAWellFormedBody() throws Exception {
        Body body = strict.readValue("""
                {"title": "Printer\\toffline\\n", "priority": 2, "amount": 12.5, "billable": true, "date": "2026-01-15",
                 "visibility": "EXTERNAL", "tags": ["a"], "severities": {"CRITICAL": 1}, "at": "2026-01-15T10:00:00Z"}""",
                Body.class);
        assertThat(body.at()).isEqualTo(Instant.parse("2026-01-15T10:00:00Z"));
        assertThat(body.title()).isEqualTo("Printer\toffline\n");
        assertThat(body.amount()).isEqualByComparingTo("12.5");
        assertThat(body.date()).isEqualTo(LocalDate.of(2026, 1, 15));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"title\": \"a\"} {}",                       // trailing garbage
            "{\"title\": \"a\", \"title\": \"b\"}",         // duplicate key
            "{\"title\": \"a\", \"unknown\": 1}",           // unknown field
            "{\"title\": 1}",                             // a number for text
            "{\"title\": true}",                          // a boolean for text
            "{\"title\": \"a\\u0000b\"}",                  // NUL
            "{\"title\": \"a\\u0007b\"}",                  // another control character
            "{\"title\": \"\\ud800\"}",                    // a lone surrogate
            "{\"priority\": 1.5}",                        // a fraction for an integer
            "{\"priority\": \"1\"}",                      // text for an integer
            "{\"amount\": \"1.5\"}",                      // text for a number
            "{\"billable\": 1}",                          // a number for a boolean
            "{\"billable\": \"true\"}",                   // text for a boolean
            "{\"date\": 20260115}",                       // a number for a date
            "{\"date\": \"2026-01-15T10:00:00Z\"}",       // a date-time for a date
            "{\"date\": \"\"}",                           // an empty date
            "{\"date\": []}",                           // the array form of a date
            "{\"at\": 1768471200}",                     // epoch seconds for a moment
            "{\"visibility\": 0}",                        // a number for an enum
            "{\"tags\": [null]}",                         // null in a list
            "{\"severities\": {\"CRITICAL\": null}}",     // null in a map
            "{\"severities\": {\"A\\u0000\": 1}}",         // NUL in a key
            "{\"amount\": 1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111}"
    })
    void refuses(String json) {
        assertThatThrownBy(() -> strict.readValue(json, Body.class)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void refusesABodyOverItsLimit() {
        String big = "{\"title\": \"" + "x".repeat(20_000) + "\"}";
        assertThatThrownBy(() -> strict.readValue(big, Body.class)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void partnerAnswersMayCarryFieldsThisVersionDoesNotKnow() throws Exception {
        ObjectMapper partners = StrictJson.forPartners(JsonMapper.builder().addModule(new JavaTimeModule()).build(),
                10_000);
        assertThat(partners.readValue("{\"title\": \"a\", \"newer\": {\"x\": 1}}", Body.class).title()).isEqualTo("a");
        assertThatThrownBy(() -> partners.readValue("{\"title\": \"a\\u0000\"}", Body.class))
                .isInstanceOf(java.io.IOException.class);
    }
}
