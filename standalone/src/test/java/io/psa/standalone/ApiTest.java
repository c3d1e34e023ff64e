package io.psa.standalone;

import io.psa.platform.test.ApiClient;
import io.psa.platform.test.PostgresTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** The standalone system on PostgreSQL (a schema per test class), driven over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@PostgresTest
abstract class ApiTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    ApiClient api;
    /** A company every test may open tickets for. */
    String acme;

    /** Every exchange of {@link #api} checked against the OpenAPI document. */
    OpenApiConformance conformance;

    @BeforeEach
    void connect() {
        conformance = OpenApiConformance.of(port);
        api = new ApiClient(port).observedBy(conformance);
        acme = company("Acme");
    }

    @AfterEach
    void everyExchangeWasAsDocumented() {
        org.assertj.core.api.Assertions.assertThat(conformance.violations())
                .as("exchanges that differ from the OpenAPI document").isEmpty();
    }

    /** Sets this instance's profile (with its own address) and accepts the outsourcing terms, so it may outsource. */
    void enableOutsourcing(String name, String language) {
        enableOutsourcing(name, language, null);
    }

    void enableOutsourcing(String name, String language, String outsourcingContact) {
        Map<String, Object> profile = new java.util.HashMap<>(Map.of("name", name, "language", language,
                "publicBaseUrl", "http://127.0.0.1:" + port));
        if (outsourcingContact != null) {
            profile.put("outsourcingContact", outsourcingContact);
        }
        org.assertj.core.api.Assertions.assertThat(api.put("/api/instance", profile).status()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(api.post("/api/outsourcing/terms/acceptance", Map.of()).status())
                                       .isEqualTo(200);
    }

    String company(String name) {
        return created(api.post("/api/companies", Map.of("name", name)));
    }

    /** The id of what a creating command made; fails the test with the answer when it was refused. */
    static String created(ApiClient.Response response) {
        if (response.status() != 201) {
            throw new AssertionError("expected 201 Created, got " + response);
        }
        return response.id();
    }

    /**
     * The time {@code fromNow} from now, to the second, as the API's date-time format has it: always with its seconds,
     * which {@code OffsetDateTime.toString()} leaves out when they are zero.
     */
    static String dateTimeFromNow(Duration fromNow) {
        return OffsetDateTime.now().plus(fromNow).truncatedTo(ChronoUnit.SECONDS)
                             .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    long storedEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    /** A registered resource (a technician) at 40/h cost and 100/h billing: time is logged only for one. */
    String resource(String name) {
        return created(api.post("/api/resources", Map.of("name", name, "internalCostRate", 40, "billingRate", 100)));
    }

    String openTicket(String companyId, String title) {
        return created(api.post("/api/tickets", Map.of("companyId", companyId, "title", title)));
    }

    /** Refused with {@code status}, naming the rule that refused it. */
    static void assertRefused(ApiClient.Response response, int status, String rule) {
        org.assertj.core.api.Assertions.assertThat(response.status()).as(response.toString()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(response.json().path("rule").asText()).isEqualTo(rule);
    }

    /** Reads until the read model satisfies {@code condition} (reads lag commands briefly). */
    ApiClient.Response readUntil(String path, Predicate<ApiClient.Response> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                      .until(() -> api.get(path), condition);
    }
}
