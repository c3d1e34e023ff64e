package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A corpus of bad input over every write endpoint the OpenAPI document lists: malformed and trailing JSON, wrong
 * types, duplicate and unknown keys, nulls in lists, control characters and broken Unicode, huge and tiny numbers,
 * extreme dates, long strings, oversized bodies, bad path ids and broken multipart bodies. Every answer is a 4xx
 * problem+json, nothing is stored, and afterwards every processor still moves.
 */
class BadInputCorpusTest extends ApiTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");

    /** A write endpoint: its method, its path template and a body it would accept (null: it takes none). */
    private record Endpoint(String method, String path, Object body) {
    }

    /** One bad request and why it is bad. */
    private record Attempt(String what, String method, String path, String contentType, String body) {
    }

    /** Writes bodies in ASCII, so a lone surrogate travels as the escape \\ud800 instead of a replaced character. */
    private static final com.fasterxml.jackson.databind.ObjectWriter ASCII = ApiClient.JSON.writer()
            .with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyWriteEndpointRefusesTheCorpusStoresNothingAndEveryProcessorMovesOn() {
        Map<String, String> ids = fixture();
        List<Endpoint> endpoints = endpoints(ids);
        assertThat(endpoints.stream().map(e -> e.method() + " " + e.path()).toList())
                .as("every write operation of the OpenAPI document has its place in the corpus")
                .containsExactlyInAnyOrderElementsOf(documentedWriteOperations());

        Map<String, Long> before = counts();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Endpoint endpoint : endpoints) {
            for (Attempt attempt : attempts(endpoint, ids)) {
                sent++;
                HttpResponse<String> answer = send(attempt, sent % 2 == 0);
                String contentType = answer.headers().firstValue("Content-Type").orElse("");
                if (answer.statusCode() < 400 || answer.statusCode() >= 500
                    || !contentType.startsWith("application/problem+json")) {
                    failures.add(attempt.method() + " " + abbreviated(attempt.path()) + " [" + attempt.what() + "] -> "
                                 + answer.statusCode() + " " + contentType + " " + abbreviated(answer.body()));
                }
            }
        }
        assertThat(failures).as(failures.size() + " of " + sent + " bad requests were not refused properly")
                            .isEmpty();
        assertThat(sent).isGreaterThan(1500);
        assertThat(counts()).as("nothing stored").isEqualTo(before);
        everyProcessorStillMoves();
    }

    /** A company, SLA, contract with a service, resource, device and a ticket with one item of each kind. */
    private Map<String, String> fixture() {
        Map<String, String> ids = new LinkedHashMap<>();
        assertThat(api.put("/api/instance", Map.of("name", "Corpus", "language", "en",
                "publicBaseUrl", "http://127.0.0.1:" + port)).status()).isEqualTo(200);
        ids.put("companyId", acme);
        ids.put("slaId", created(api.post("/api/slas", slaBody())));
        ids.put("contractId", created(api.post("/api/contracts", Map.of("companyId", acme, "name", "Corpus contract",
                "type", "RECURRING_SERVICE", "startDate", "2020-01-01", "endDate", "2099-12-31"))));
        ids.put("serviceId", created(api.post("/api/contracts/" + ids.get("contractId") + "/services",
                Map.of("name", "Monitoring", "unitPrice", 10, "unitCost", 5, "units", 1, "period", "MONTHLY"))));
        ids.put("resourceId", created(api.post("/api/resources", Map.of("name", "Tina", "internalCostRate", 40,
                "billingRate", 100))));
        ids.put("deviceId", created(api.post("/api/devices", Map.of("companyId", acme, "name", "Mail server"))));
        String ticket = openTicket(acme, "Corpus ticket");
        ids.put("ticketId", ticket);
        ids.put("noteId", created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "n", "text", "t",
                "visibility", "INTERNAL"))));
        ids.put("timeEntryId", created(api.post("/api/tickets/" + ticket + "/time-entries", Map.of("resourceId",
                ids.get("resourceId"), "workDate", "2026-01-15", "hoursWorked", 1))));
        ids.put("chargeId", created(api.post("/api/tickets/" + ticket + "/charges", Map.of("description", "part",
                "quantity", 1, "unitCost", 1, "unitPrice", 2))));
        ids.put("attachmentId", created(api.postFile("/api/tickets/" + ticket + "/attachments", "a.txt",
                "a".getBytes(StandardCharsets.UTF_8), Map.of("title", "a", "visibility", "INTERNAL"))));
        ids.put("agreementId", "no-such-agreement");
        ids.put("userId", created(api.post("/api/users", Map.of("name", "corpus-target", "roles",
                List.of("TECHNICIAN")))));
        ids.put("processor", "ticket-views");
        ids.put("projection", "profitability");
        ids.put("messageId", "no-such-message");
        ids.put("move", "reject");
        return ids;
    }

    private static Map<String, Object> slaBody() {
        Map<String, Object> target = Map.of("firstResponse", 15, "resolutionPlan", 60, "resolved", 240);
        return Map.of("name", "Premium", "hours", Map.of("timeZone", "Europe/Berlin", "weekdays", List.of("MONDAY"),
                        "start", "08:00", "end", "17:00"), "targets", Map.of("1", target, "2", target, "3", target, "4", target),
                "defaultPriority", 2, "severityPriorities", Map.of("CRITICAL", 1));
    }

    /** Every write endpoint with a body it would accept, so that each mutation of it is bad for one reason. */
    private static List<Endpoint> endpoints(Map<String, String> ids) {
        String company = ids.get("companyId");
        return List.of(
                new Endpoint("POST", "/api/users", Map.of("name", "corpus-user", "roles", List.of("TECHNICIAN"))),
                new Endpoint("PUT", "/api/users/{userId}/roles", Map.of("roles", List.of("AUDITOR"))),
                new Endpoint("POST", "/api/users/{userId}/token", null),
                new Endpoint("POST", "/api/users/{userId}/deactivation", null),
                new Endpoint("POST", "/api/companies", Map.of("name", "Corpus company")),
                new Endpoint("PUT", "/api/companies/{companyId}/default-contract",
                        Map.of("contractId", ids.get("contractId"))),
                new Endpoint("POST", "/api/companies/{companyId}/deactivation", null),
                new Endpoint("POST", "/api/slas", slaBody()),
                new Endpoint("PUT", "/api/slas/{slaId}/terms", slaBody()),
                new Endpoint("POST", "/api/slas/{slaId}/deactivation", null),
                new Endpoint("POST", "/api/contracts", Map.of("companyId", company, "name", "C", "type",
                        "TIME_AND_MATERIALS", "startDate", "2026-01-01", "endDate", "2026-12-31", "slaId",
                        ids.get("slaId"), "hourlyRate", 120, "value", 1000)),
                new Endpoint("POST", "/api/contracts/{contractId}/services", Map.of("name", "S", "unitPrice", 10,
                        "unitCost", 5, "units", 2, "period", "MONTHLY")),
                new Endpoint("PUT", "/api/contracts/{contractId}/details", Map.of("name", "Renamed", "slaId",
                        ids.get("slaId"))),
                new Endpoint("POST", "/api/contracts/{contractId}/terms", Map.of("effectiveFrom", "2026-02-01",
                        "endDate", "2030-12-31", "hourlyRate", 130, "value", 2000)),
                new Endpoint("POST", "/api/contracts/{contractId}/services/{serviceId}/terms", Map.of(
                        "effectiveFrom", "2026-02-01", "unitPrice", 12, "unitCost", 6, "units", 3, "period",
                        "QUARTERLY")),
                new Endpoint("PUT", "/api/contracts/{contractId}/services/{serviceId}/last-day",
                        Map.of("lastDay", "2030-12-31")),
                new Endpoint("POST", "/api/contracts/{contractId}/devices", Map.of("deviceIds",
                        List.of(ids.get("deviceId")), "contractServiceId", ids.get("serviceId"))),
                new Endpoint("POST", "/api/resources", Map.of("name", "R", "internalCostRate", 40, "billingRate", 90)),
                new Endpoint("PUT", "/api/companies/{companyId}/name", Map.of("name", "Renamed company")),
                new Endpoint("PUT", "/api/resources/{resourceId}/name", Map.of("name", "Renamed resource")),
                new Endpoint("POST", "/api/resources/{resourceId}/deactivation", null),
                new Endpoint("POST", "/api/resources/{resourceId}/rates", Map.of("effectiveFrom", "2026-02-01",
                        "internalCostRate", 45, "billingRate", 95)),
                new Endpoint("POST", "/api/devices", Map.of("companyId", company, "name", "D", "type", "SERVER",
                        "serialNumber", "SN-1", "rmmDeviceId", "rmm-corpus", "contractId", ids.get("contractId"),
                        "contractServiceId", ids.get("serviceId"))),
                new Endpoint("POST", "/api/devices/discoveries", Map.of("companyId", company, "devices",
                        List.of(Map.of("name", "D2", "type", "PC", "serialNumber", "SN-2", "rmmDeviceId", "rmm-2")))),
                new Endpoint("PUT", "/api/devices/{deviceId}/contract", Map.of("contractId", ids.get("contractId"),
                        "contractServiceId", ids.get("serviceId"))),
                new Endpoint("DELETE", "/api/devices/{deviceId}/contract", null),
                new Endpoint("POST", "/api/devices/{deviceId}/deactivation", null),
                new Endpoint("PUT", "/api/devices/{deviceId}/name", Map.of("name", "Renamed")),
                new Endpoint("POST", "/api/alerts", Map.of("rmmAlertId", "a-1", "deviceId", ids.get("deviceId"),
                        "severity", "CRITICAL", "title", "Down", "message", "port 25", "raisedAt",
                        "2026-01-15T10:00:00Z", "condition", "smtp")),
                new Endpoint("POST", "/api/tickets", Map.of("companyId", company, "title", "T", "description", "d",
                        "priority", 2, "deviceId", ids.get("deviceId"), "contractId", ids.get("contractId"),
                        "contractServiceId", ids.get("serviceId"))),
                new Endpoint("POST", "/api/tickets/batch", Map.of("commands", List.of(
                        Map.of("open", Map.of("companyId", company, "title", "T")),
                        Map.of("ticketId", "#0", "addNote", note()),
                        Map.of("ticketId", ids.get("ticketId"), "logTime", timeEntry(ids)),
                        Map.of("ticketId", ids.get("ticketId"), "addCharge", charge()),
                        Map.of("ticketId", ids.get("ticketId"), "changeStatus", Map.of("status", "IN_PROGRESS"))))),
                new Endpoint("PUT", "/api/tickets/{ticketId}/contract", Map.of("contractId", ids.get("contractId"),
                        "contractServiceId", ids.get("serviceId"))),
                new Endpoint("POST", "/api/tickets/{ticketId}/resolution-plan", Map.of("plan", "replace the disk")),
                new Endpoint("POST", "/api/tickets/{ticketId}/status", Map.of("status", "IN_PROGRESS")),
                new Endpoint("PUT", "/api/tickets/{ticketId}/details", Map.of("title", "Corpus ticket, renamed",
                        "description", "d")),
                new Endpoint("PUT", "/api/tickets/{ticketId}/priority", Map.of("priority", 2)),
                new Endpoint("PUT", "/api/tickets/{ticketId}/assignment", Map.of("resourceId", ids.get("resourceId"),
                        "queue", "Level 1")),
                new Endpoint("DELETE", "/api/tickets/{ticketId}/assignment", null),
                new Endpoint("POST", "/api/tickets/{ticketId}/notes", note()),
                new Endpoint("PUT", "/api/tickets/{ticketId}/notes/{noteId}", note()),
                new Endpoint("DELETE", "/api/tickets/{ticketId}/notes/{noteId}", null),
                new Endpoint("POST", "/api/tickets/{ticketId}/time-entries", timeEntry(ids)),
                new Endpoint("PUT", "/api/tickets/{ticketId}/time-entries/{timeEntryId}", timeEntry(ids)),
                new Endpoint("DELETE", "/api/tickets/{ticketId}/time-entries/{timeEntryId}", null),
                new Endpoint("POST", "/api/tickets/{ticketId}/charges", charge()),
                new Endpoint("PUT", "/api/tickets/{ticketId}/charges/{chargeId}", charge()),
                new Endpoint("DELETE", "/api/tickets/{ticketId}/charges/{chargeId}", null),
                new Endpoint("POST", "/api/tickets/{ticketId}/attachments", null),
                new Endpoint("PUT", "/api/tickets/{ticketId}/attachments/{attachmentId}",
                        Map.of("title", "t", "visibility", "EXTERNAL")),
                new Endpoint("DELETE", "/api/tickets/{ticketId}/attachments/{attachmentId}", null),
                new Endpoint("POST", "/api/tickets/{ticketId}/outsourcing", Map.of("agreementId",
                        ids.get("agreementId"), "terms", Map.of("description", "d", "hourlyRate", 50),
                        "acceptBy", "2030-01-01T00:00:00Z", "send", true)),
                new Endpoint("POST", "/api/tickets/{ticketId}/outsourcing/{move}", Map.of("reason", "why")),
                new Endpoint("POST", "/api/tickets/{ticketId}/insourcing/{move}", Map.of("reason", "why")),
                new Endpoint("PUT", "/api/instance", Map.of("name", "Corpus", "language", "en",
                        "publicBaseUrl", "http://example.com")),
                new Endpoint("POST", "/api/outsourcing/terms/acceptance", null),
                new Endpoint("POST", "/api/partners/invitations", Map.of("kind", "PARTNER", "name", "P",
                        "contact", "p@example.com")),
                new Endpoint("POST", "/api/partners/invitations/acceptance", Map.of("leadBaseUrl",
                        "http://example.com", "invitationCode", "code")),
                new Endpoint("PUT", "/api/partners/{agreementId}/fee", Map.of("feePerAcceptance", 5)),
                new Endpoint("POST", "/api/partners/{agreementId}/portal-code", null),
                new Endpoint("POST", "/api/partners/{agreementId}/suspension", null),
                new Endpoint("POST", "/api/partners/{agreementId}/resumption", null),
                new Endpoint("POST", "/api/partners/{agreementId}/termination", null),
                new Endpoint("POST", "/api/admin/dead-letters/{processor}/retry", null),
                new Endpoint("POST", "/api/admin/outbox/{messageId}/retry", null),
                new Endpoint("POST", "/api/admin/projections/{projection}/rebuild", null),
                new Endpoint("POST", "/api/admin/event-chain/verification", null),
                new Endpoint("POST", "/sync/v1/invitations/acceptance", Map.of("invitationCode", "code", "name", "P",
                        "language", "en", "baseUrl", "http://example.com", "credential", "c")));
    }

    private static Map<String, Object> note() {
        return Map.of("title", "n", "text", "t", "visibility", "EXTERNAL");
    }

    private static Map<String, Object> timeEntry(Map<String, String> ids) {
        return Map.of("resourceId", ids.get("resourceId"), "workDate", "2026-01-15", "hoursWorked", 1.5,
                "hoursToBill", 1, "billable", true, "summary", "s");
    }

    private static Map<String, Object> charge() {
        return Map.of("date", "2026-01-15", "description", "cable", "quantity", 2, "unitCost", 1.5,
                "unitPrice", 3, "billable", true);
    }

    /** The bad requests for one endpoint: broken bodies, each field spoiled in each way, bad path ids. */
    private List<Attempt> attempts(Endpoint endpoint, Map<String, String> ids) {
        String path = fill(endpoint.path(), ids);
        List<Attempt> attempts = new ArrayList<>();
        if (endpoint.path().endsWith("/attachments") && endpoint.method().equals("POST")) {
            attempts.addAll(multipartAttempts(path));
        } else if (endpoint.body() != null) {
            ObjectNode valid = ApiClient.JSON.valueToTree(endpoint.body());
            String json = ascii(valid);
            Consumer<String[]> add = whatAndBody -> attempts.add(new Attempt(whatAndBody[0], endpoint.method(), path,
                    "application/json", whatAndBody[1]));
            for (String[] broken : List.of(new String[]{"not JSON", "{"}, new String[]{"an array", "[]"},
                    new String[]{"null", "null"}, new String[]{"a string", "\"x\""}, new String[]{"a number", "1"},
                    new String[]{"empty", ""}, new String[]{"trailing JSON", json + " {}"},
                    new String[]{"trailing garbage", json + "x"},
                    new String[]{"duplicate key", "{" + json.substring(1, json.indexOf(',') > 0 ? json.indexOf(',')
                            : json.length() - 1) + "," + json.substring(1)},
                    new String[]{"unknown field", json.substring(0, json.length() - 1) + ",\"unknownField\":1}"},
                    new String[]{"deep nesting", "[".repeat(500) + "]".repeat(500)},
                    new String[]{"over 1 MB", json.substring(0, json.length() - 1) + ",\"padding\":\""
                                              + "x".repeat(1_100_000) + "\"}"})) {
                add.accept(broken);
            }
            spoil(valid, "", (what, spoiled) -> add.accept(new String[]{what, ascii(spoiled)}));
        }
        Matcher variables = PATH_VARIABLE.matcher(endpoint.path());
        while (variables.find()) {
            String variable = variables.group(1);
            // the last: the id of something of another kind
            String otherKind = ids.get(variable.equals("companyId") ? "contractId" : "companyId");
            for (String bad : List.of("%00", "a%01b", "..%2F..%2Fetc", "x;y=1", "%C0%AF", "x".repeat(3000), otherKind)) {
                Map<String, String> spoiledIds = new LinkedHashMap<>(ids);
                spoiledIds.put(variable, bad);
                attempts.add(new Attempt(variable + " = " + abbreviated(bad), endpoint.method(),
                        fill(endpoint.path(), spoiledIds), endpoint.body() == null ? null : "application/json",
                        endpoint.body() == null ? null : ascii(ApiClient.JSON.valueToTree(endpoint.body()))));
            }
        }
        return attempts;
    }

    /** Calls {@code out} with a copy of {@code root} for each way of spoiling each value in it, recursively. */
    private static void spoil(ObjectNode root, String at, java.util.function.BiConsumer<String, JsonNode> out) {
        spoilIn(root, root, at, out);
    }

    private static void spoilIn(ObjectNode root, ObjectNode node, String at,
                                java.util.function.BiConsumer<String, JsonNode> out) {
        List<String> fields = new ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            JsonNode value = node.get(field);
            String name = at + field;
            for (JsonNode bad : badValuesFor(value)) {
                JsonNode original = node.get(field);
                node.set(field, bad);
                out.accept(name + " = " + abbreviated(bad.toString()), root.deepCopy());
                node.set(field, original);
            }
            if (value instanceof ObjectNode child) {
                spoilIn(root, child, name + ".", out);
                child.set("a\u0000key", child.elements().hasNext() ? child.elements().next() : NODES.nullNode());
                out.accept(name + " with a NUL in a key", root.deepCopy());
                child.remove("a\u0000key");
            } else if (value instanceof ArrayNode array && !array.isEmpty() && array.get(0) instanceof ObjectNode first) {
                spoilIn(root, first, name + "[0].", out);
            }
        }
    }

    private static List<JsonNode> badValuesFor(JsonNode value) {
        List<JsonNode> bad = new ArrayList<>();
        if (value.isTextual()) {
            bad.addAll(List.of(NODES.numberNode(1), NODES.booleanNode(true), NODES.objectNode(), NODES.arrayNode(),
                    NODES.textNode("a\u0000b"), NODES.textNode("a\u0007b"), NODES.textNode("a\ud800b"),
                    NODES.textNode("x".repeat(60_001))));
            if (DATE.matcher(value.asText()).matches()) {
                bad.addAll(texts("+999999998-12-31", "-999999998-01-01", "2026-01-15T10:00:00Z", "2026-02-30",
                        "1899-12-31", "3000-01-01", ""));
                bad.add(NODES.numberNode(20260115));
            } else if (INSTANT.matcher(value.asText()).matches()) {
                bad.addAll(texts("+999999999-12-31T23:59:59Z", "2026-01-15", "3000-01-01T00:00:00Z",
                        "1899-12-31T23:59:59Z", ""));
                bad.add(NODES.numberNode(1768471200L));
            }
        } else if (value.isNumber()) {
            bad.addAll(List.of(NODES.textNode("1.5"), NODES.booleanNode(true), NODES.objectNode(),
                    NODES.numberNode(new BigDecimal("1e1000")), NODES.numberNode(new BigDecimal("-1e1000")),
                    NODES.numberNode(new BigDecimal("1e-1000")), NODES.numberNode(new BigDecimal("1e1000000")),
                    NODES.numberNode(new BigDecimal("0.0000001")),
                    NODES.numberNode(new BigInteger("123456789012345678901234567890")), NODES.textNode("NaN")));
        } else if (value.isBoolean()) {
            bad.addAll(List.of(NODES.numberNode(1), NODES.textNode("true"), NODES.textNode("yes"), NODES.objectNode()));
        } else if (value.isArray()) {
            bad.addAll(List.of(NODES.arrayNode().addNull(), NODES.arrayNode().add(1), NODES.textNode("x"),
                    NODES.objectNode(), NODES.arrayNode().add("a\u0000b")));
        } else if (value.isObject()) {
            bad.addAll(List.of(NODES.textNode("x"), NODES.arrayNode(), NODES.numberNode(1)));
        }
        return bad;
    }

    private static String ascii(JsonNode body) {
        try {
            return ASCII.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> texts(String... values) {
        return java.util.Arrays.stream(values).<JsonNode>map(NODES::textNode).toList();
    }

    /** Broken uploads: no boundary, spoiled fields, no file, an empty file, a body cut off. */
    private static List<Attempt> multipartAttempts(String path) {
        String boundary = "corpus-boundary";
        String type = "multipart/form-data; boundary=" + boundary;
        List<Attempt> attempts = new ArrayList<>();
        attempts.add(new Attempt("no boundary", "POST", path, "multipart/form-data", "xx"));
        attempts.add(new Attempt("not multipart", "POST", path, type, "xx"));
        for (Map<String, String> fields : List.of(Map.of("title", "a\u0000b", "visibility", "INTERNAL"),
                Map.of("title", "x".repeat(600), "visibility", "INTERNAL"), Map.of("title", "t", "visibility", "X"),
                Map.of("title", "t", "visibility", "INTERNAL", "sha256", "zz"), Map.of("visibility", "INTERNAL"),
                Map.of("title", "t"))) {
            attempts.add(new Attempt("fields " + abbreviated(fields.toString()), "POST", path, type,
                    multipart(boundary, fields, "file content")));
        }
        attempts.add(new Attempt("no file", "POST", path, type, multipart(boundary,
                Map.of("title", "t", "visibility", "INTERNAL"), null)));
        attempts.add(new Attempt("empty file", "POST", path, type, multipart(boundary,
                Map.of("title", "t", "visibility", "INTERNAL"), "")));
        String whole = multipart(boundary, Map.of("title", "t", "visibility", "INTERNAL"), "file content");
        attempts.add(new Attempt("cut off before its closing boundary", "POST", path, type,
                whole.substring(0, whole.length() - boundary.length() - 8)));
        return attempts;
    }

    private static String multipart(String boundary, Map<String, String> fields, String file) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--").append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        if (file != null) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; "
                    + "filename=\"f.txt\"\r\nContent-Type: text/plain\r\n\r\n").append(file).append("\r\n");
        }
        return body.append("--").append(boundary).append("--\r\n").toString();
    }

    /** Every other attempt carries an Idempotency-Key, so the bodies also pass the way keyed requests take. */
    private HttpResponse<String> send(Attempt attempt, boolean keyed) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + attempt.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + io.psa.platform.test.PostgresTest.ADMIN_TOKEN);
        if (keyed) {
            request.header("Idempotency-Key", java.util.UUID.randomUUID().toString());
        }
        if (attempt.contentType() != null) {
            request.header("Content-Type", attempt.contentType());
        }
        request.method(attempt.method(), attempt.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(attempt.body(), StandardCharsets.UTF_8));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(attempt.what(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Set<String> documentedWriteOperations() {
        Set<String> operations = new TreeSet<>();
        api.get("/v3/api-docs").json().path("paths").fields().forEachRemaining(path ->
                path.getValue().fieldNames().forEachRemaining(method -> {
                    if (Set.of("post", "put", "delete", "patch").contains(method)) {
                        operations.add(method.toUpperCase() + " " + path.getKey());
                    }
                }));
        return operations;
    }

    private static String fill(String template, Map<String, String> ids) {
        Matcher variables = PATH_VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
            variables.appendReplacement(path, Matcher.quoteReplacement(ids.get(variables.group(1))));
        }
        return variables.appendTail(path).toString();
    }

    /** What the corpus must leave as it found it. */
    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("domain_event_entry", "stored_content", "api_user", "partner_agreement",
                "partner_secret", "idempotency_record", "dead_letter_entry")) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
        }
        return counts;
    }

    /** New work reaches every read model, and no processor is behind or has parked anything. */
    private void everyProcessorStillMoves() {
        String company = company("After the corpus");
        String ticket = openTicket(company, "After the corpus");
        created(api.post("/api/tickets/" + ticket + "/time-entries", Map.of("resourceId",
                resource("After the corpus"), "workDate", "2026-01-15", "hoursWorked", 1)));
        created(api.post("/api/tickets/" + ticket + "/charges", Map.of("description", "part", "quantity", 1,
                "unitCost", 1, "unitPrice", 2)));
        readUntil("/api/tickets/" + ticket, r -> r.json().path("timeEntries").size() == 1
                                                 && r.json().path("charges").size() == 1);
        readUntil("/api/companies/" + company, r -> r.status() == 200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from pf_entry where ticket_id = ?", Long.class, ticket)).isEqualTo(2));
        for (String processor : List.of("ticket-views", "reference-views", "profitability", "partner-feed")) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(api.get(
                    "/actuator/metrics/psa.projection.lag.events?tag=processor:" + processor).json()
                    .path("measurements").path(0).path("value").asDouble()).as(processor + " lag").isZero());
        }
        assertThat(api.get("/api/admin/dead-letters").json()).isEmpty();
    }

    private static String abbreviated(String text) {
        String plain = text.replaceAll("\\p{Cntrl}", "?");
        return plain.length() <= 120 ? plain : plain.substring(0, 117) + "...";
    }
}
