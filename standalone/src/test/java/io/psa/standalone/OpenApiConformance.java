package io.psa.standalone;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import io.psa.platform.test.ApiClient;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Checks every exchange of the API tests against the OpenAPI document the instance serves, so that the document
 * cannot drift from the code: an answer must be as documented, and a request the instance took as well-formed (any
 * answer but 400, 413 and 414) must be one the document allows.
 */
final class OpenApiConformance implements ApiClient.Observer {
    /** The document an instance serves, read once: its validator and its query parameters that are lists. */
    private record Document(OpenApiInteractionValidator validator, Set<String> listParameters) {
        static Document of(JsonNode served) {
            Set<String> lists = new HashSet<>();
            served.path("paths").forEach(path -> path.forEach(operation -> operation.path("parameters")
                    .forEach(parameter -> {
                        if ("query".equals(parameter.path("in").asText())
                            && "array".equals(parameter.path("schema").path("type").asText())) {
                            lists.add(parameter.path("name").asText());
                        }
                    })));
            return new Document(OpenApiInteractionValidator.createForInlineApiSpecification(served.toString()).build(),
                    Set.copyOf(lists));
        }
    }

    /** One document per running instance (the document is the same for all tests of one context). */
    private static final Map<Integer, Document> BY_PORT = new ConcurrentHashMap<>();

    private final OpenApiInteractionValidator validator;
    private final Set<String> listParameters;
    private final List<String> violations = new CopyOnWriteArrayList<>();

    private OpenApiConformance(Document document) {
        this.validator = document.validator();
        this.listParameters = document.listParameters();
    }

    static OpenApiConformance of(int port) {
        return new OpenApiConformance(BY_PORT.computeIfAbsent(port,
                p -> Document.of(new ApiClient(p).get("/v3/api-docs").json())));
    }

    /** What did not conform, each with its exchange. */
    List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public void exchanged(String method, String pathAndQuery, String contentType, byte[] body,
                          ApiClient.Response response) {
        URI uri = URI.create(pathAndQuery);
        if (!uri.getRawPath().startsWith("/api/") && !uri.getRawPath().startsWith("/sync/")) {
            return;
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), uri.getRawPath())
                .withHeader("Authorization", "Bearer token");
        if (uri.getRawQuery() != null) {
            // a list given as "a,b" is read as the repeated parameter the document shows (empty items are ignored);
            // any other value is one value, commas and all
            for (String parameter : uri.getRawQuery().split("&")) {
                String[] pair = parameter.split("=", 2);
                String name = decode(pair[0]);
                String value = pair.length > 1 ? decode(pair[1]) : "";
                for (String item : listParameters.contains(name) ? value.split(",") : new String[]{value}) {
                    if (!item.isEmpty()) {
                        request.withQueryParam(name, item);
                    }
                }
            }
        }
        if (body != null) {
            request.withContentType(contentType);
            if ("application/json".equals(contentType)) {
                request.withBody(new String(body, StandardCharsets.UTF_8));
            }
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.status());
        response.header("Content-Type").ifPresent(answer::withContentType);
        response.header("Location").ifPresent(location -> answer.withHeader("Location", location));
        if (response.bytes().length > 0 && response.header("Content-Type").orElse("").contains("json")) {
            answer.withBody(new String(response.bytes(), StandardCharsets.UTF_8));
        }
        // a request refused for its form (400, 413, 414) is the refusal tests' business; any other is checked too
        boolean malformed = response.status() == 400 || response.status() == 413 || response.status() == 414;
        ValidationReport report = !malformed
                ? validator.validate(request.build(), answer.build())
                : validator.validateResponse(uri.getRawPath(), Request.Method.valueOf(method), answer.build());
        boolean emptyBody = body != null && "{}".equals(new String(body, StandardCharsets.UTF_8));
        boolean json = response.header("Content-Type").orElse("").contains("json");
        report.getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
              // the tests' "{}" for a call that takes no body, which the instance ignores
              .filter(message -> !(emptyBody && message.getKey().equals("validation.request.body.unexpected")))
              // a file or a CSV export is not checked against a schema; an unknown path is the 404 it asks for
              .filter(message -> json || !message.getKey().equals("validation.response.body.missing"))
              .filter(message -> response.status() != 404 || !message.getKey().equals("validation.request.path.missing"))
              .forEach(message -> violations.add(method + " " + pathAndQuery + " -> " + response.status() + ": "
                                                 + message.getKey() + ": " + message.getMessage()));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
