package io.psa.standalone;

import io.psa.platform.test.ApiClient;
import io.psa.platform.test.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a clear problem+json answer and stores nothing; never a 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "psa.attachment-max-size=1KB")
class RefusedRequestTest extends ApiTest {
    private String ticket;

    @BeforeEach
    void openTicket() {
        ticket = openTicket(acme, "Printer offline");
    }

    private void assertRefused(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.json().path("detail").asText()).isNotBlank();
    }

    @Test
    void missingAndMalformedFieldsAre400WithTheFieldsListed() {
        long before = storedEvents();
        ApiClient.Response missing = api.post("/api/tickets/" + ticket + "/time-entries", Map.of("hoursWorked", 1));
        assertRefused(missing, 400);
        assertThat(missing.json().path("errors").findValuesAsText("field")).contains("resourceId", "workDate");

        ApiClient.Response wrongType = api.post("/api/tickets/" + ticket + "/time-entries",
                Map.of("resourceId", "r", "workDate", "15.01.2026", "hoursWorked", 1));
        assertRefused(wrongType, 400);
        assertThat(wrongType.json().path("errors").findValuesAsText("field")).containsExactly("workDate");

        assertRefused(api.post("/api/tickets/" + ticket + "/status", Map.of("status", "DONE")), 400);
        assertRefused(api.post("/api/tickets", "{not json"), 400);
        assertRefused(api.post("/api/tickets", "[]"), 400);
        assertRefused(api.get("/api/tickets?size=100000"), 400);
        assertRefused(api.get("/api/tickets?status=SLEEPING"), 400);
        assertRefused(api.get("/api/tickets/" + ticket + "/history?asOf=yesterday"), 400);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void unknownIdsAre404() {
        long before = storedEvents();
        assertRefused(api.post("/api/tickets/no-such-ticket/notes",
                Map.of("title", "t", "text", "x", "visibility", "EXTERNAL")), 404);
        assertRefused(api.delete("/api/tickets/" + ticket + "/notes/no-such-note"), 404);
        assertRefused(api.get("/api/tickets/no-such-ticket"), 404);
        assertRefused(api.get("/api/tickets/no-such-ticket/history"), 404);
        assertRefused(api.get("/api/no-such-thing"), 404);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void ruleRefusalsNameTheRuleAndStoreNothing() {
        api.post("/api/tickets/" + ticket + "/status", Map.of("status", "COMPLETE"));
        long before = storedEvents();
        ApiClient.Response closed = api.post("/api/tickets/" + ticket + "/notes",
                Map.of("title", "late", "text", "x", "visibility", "EXTERNAL"));
        assertRefused(closed, 409);
        assertThat(closed.json().path("rule").asText()).isEqualTo("complete-ticket-is-closed");

        api.post("/api/tickets/" + ticket + "/status", Map.of("status", "IN_PROGRESS"));
        before = storedEvents();
        ApiClient.Response negative = api.post("/api/tickets/" + ticket + "/time-entries",
                Map.of("resourceId", "r", "workDate", "2026-01-15", "hoursWorked", -2));
        assertRefused(negative, 422);
        assertThat(negative.json().path("rule").asText()).isEqualTo("hours-worked-positive-within-a-day");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void anOversizedAttachmentIs413AndLeavesNoContent() {
        long before = storedEvents();
        long contents = storedContents();
        ApiClient.Response tooLarge = api.postFile("/api/tickets/" + ticket + "/attachments", "dump.bin",
                new byte[2048], Map.of("title", "dump", "visibility", "INTERNAL"));
        assertRefused(tooLarge, 413);
        assertThat(tooLarge.json().path("detail").asText()).contains("1024 bytes");
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(storedContents()).isEqualTo(contents);
    }

    @Test
    void aDamagedUploadIsRefusedAndAFileForAMissingTicketLeavesNothing() {
        long before = storedEvents();
        long contents = storedContents();
        byte[] file = "log".getBytes(StandardCharsets.UTF_8);
        ApiClient.Response damaged = api.postFile("/api/tickets/" + ticket + "/attachments", "a.log", file,
                Map.of("title", "log", "visibility", "INTERNAL", "sha256", "0".repeat(64)));
        assertRefused(damaged, 422);
        assertThat(damaged.json().path("rule").asText()).isEqualTo("content-integrity");
        assertRefused(api.postFile("/api/tickets/no-such-ticket/attachments", "a.log", file,
                Map.of("title", "log", "visibility", "INTERNAL")), 404);
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(storedContents()).isEqualTo(contents);
    }

    private long storedContents() {
        return jdbc.queryForObject("select count(*) from stored_content", Long.class);
    }

    @Test
    void aFileWhoseMediaTypeIsNotOneIsKeptAsOctetStreamAndCanBeFetched() {
        for (String type : java.util.List.of("foo", "text/", "text/*", "/", "*/*")) {
            String attachment = created(api.postFile("/api/tickets/" + ticket + "/attachments", "f.bin", type,
                    "data".getBytes(StandardCharsets.UTF_8), Map.of("title", "file", "visibility", "INTERNAL")));
            ApiClient.Response content = readUntil("/api/tickets/" + ticket + "/attachments/" + attachment + "/content",
                    r -> r.status() == 200);
            assertThat(content.header("Content-Type")).as(type).contains("application/octet-stream");
            assertThat(new String(content.bytes(), StandardCharsets.UTF_8)).isEqualTo("data");
        }
    }

    @Test
    void anIdempotencyKeyOnALongPathGetsAProblemNotAFault() {
        ApiClient.Response answer = api.post("/api/tickets/" + "x".repeat(1500) + "/notes",
                Map.of("title", "t", "text", "x", "visibility", "EXTERNAL"), "Idempotency-Key", "long-path");
        assertRefused(answer, 404);
    }

    /**
     * A header value with a control character (here U+0085, which HTTP lets through as a byte of "obs-text") is
     * refused by the security firewall when read, before anything is stored; a tab is allowed.
     */
    @Test
    void aHeaderWithAControlCharacterIsRefusedAndStoresNothing() throws Exception {
        long before = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        assertThat(rawPost("Idempotency-Key: key\u0085one")).startsWith("HTTP/1.1 400");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class)).isEqualTo(before);
        assertThat(rawPost("Idempotency-Key: key\tone")).startsWith("HTTP/1.1 201");
    }

    /** Posts a company with {@code header} sent as ISO-8859-1 bytes, which the HTTP client would refuse to send. */
    private String rawPost(String header) throws Exception {
        byte[] body = "{\"name\":\"Raw header\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/companies HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                       + PostgresTest.ADMIN_TOKEN + "\r\n" + header + "\r\nContent-Type: application/json\r\n"
                       + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                              .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
        }
    }
}
