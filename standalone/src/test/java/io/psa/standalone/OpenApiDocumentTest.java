package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document is one a client generator can use: every operation has a summary and lists its refusals as
 * problem+json, what creates answers 201 with Location, every schema has one meaning (a request body's schema has
 * exactly the fields of the body the code reads), and no body is an untyped JSON tree.
 */
class OpenApiDocumentTest extends ApiTest {
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void everyOperationHasASummaryItsRefusalsAndTypedBodies() {
        JsonNode document = api.get("/v3/api-docs").json();
        List<String> defects = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = op.getValue();
            if (operation.path("summary").asText().isBlank()) {
                defects.add(name + ": no summary");
            }
            JsonNode responses = operation.path("responses");
            if (!responses.has("400") || !responses.path("400").path("content").has("application/problem+json")) {
                defects.add(name + ": no 400 problem+json");
            }
            if (responses.has("200") && responses.path("200").path("content").isEmpty()
                && !op.getKey().equals("get")) {
                defects.add(name + ": 200 without a body (204?)");
            }
        }));
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("\"#/components/schemas/([^\"]+)\"")
                .matcher(document.toString());
        while (refs.find()) {
            if (!document.path("components").path("schemas").has(refs.group(1))) {
                defects.add("reference to a missing schema " + refs.group(1));
            }
        }
        document.path("paths").forEach(path -> path.forEach(operation -> {
            if (operation.path("operationId").asText().matches(".*_\\d+")) {
                defects.add("operationId " + operation.path("operationId").asText() + ": two operations of one name");
            }
        }));
        document.path("components").path("schemas").fieldNames().forEachRemaining(schema -> {
            if (schema.equals("JsonNode") || schema.equals("ObjectNode")) {
                defects.add("schema " + schema + ": an untyped JSON tree");
            }
        });
        assertThat(defects).isEmpty();
    }

    /** The committed document, from which the build generates the client the tests drive, is the served one. */
    @Test
    void theCommittedDocumentIsTheServedOne() throws java.io.IOException {
        JsonNode served = api.get("/v3/api-docs").json();
        java.nio.file.Path committed = java.nio.file.Path.of("..", "docs", "openapi.json");
        if (!java.nio.file.Files.exists(committed)
            || !io.psa.platform.test.ApiClient.JSON.readTree(committed.toFile()).equals(served)) {
            java.nio.file.Path review = java.nio.file.Path.of("target", "openapi.json");
            java.nio.file.Files.writeString(review, io.psa.platform.test.ApiClient.JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(served) + "\n");
            org.assertj.core.api.Assertions.fail("docs/openapi.json is not the served document: review "
                    + review.toAbsolutePath() + " and copy it to docs/openapi.json");
        }
    }

    @Test
    void whatCreatesAnswers201WithItsLocation() {
        JsonNode create = api.get("/v3/api-docs").json().path("paths").path("/api/contracts").path("post")
                             .path("responses");
        assertThat(create.has("201")).isTrue();
        assertThat(create.path("201").path("headers").has("Location")).isTrue();
        assertThat(create.path("422").path("content").path("application/problem+json").path("schema")
                         .path("$ref").asText()).isEqualTo("#/components/schemas/Problem");
    }

    /** Two bodies of one simple name would share one schema: the document would describe one of them wrongly. */
    @Test
    void eachRequestBodyIsDocumentedWithItsOwnFields() {
        JsonNode document = api.get("/v3/api-docs").json();
        List<String> defects = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : handlers.getHandlerMethods().entrySet()) {
            MethodParameter body = Arrays.stream(handler.getValue().getMethodParameters())
                    .filter(parameter -> parameter.hasParameterAnnotation(RequestBody.class)).findFirst().orElse(null);
            if (body == null || !body.getParameterType().isRecord()) {
                continue;
            }
            for (String path : handler.getKey().getPatternValues()) {
                handler.getKey().getMethodsCondition().getMethods().forEach(method -> {
                    JsonNode schema = document.path("paths").path(path).path(method.name().toLowerCase())
                            .path("requestBody").path("content").path("application/json").path("schema");
                    String ref = schema.path("$ref").asText();
                    Set<String> documented = new TreeSet<>();
                    document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1))
                            .path("properties").fieldNames().forEachRemaining(documented::add);
                    Set<String> read = new TreeSet<>();
                    Arrays.stream(body.getParameterType().getRecordComponents()).forEach(c -> read.add(c.getName()));
                    if (!documented.equals(read)) {
                        defects.add(method + " " + path + ": documented " + documented + ", reads " + read);
                    }
                });
            }
        }
        assertThat(defects).isEmpty();
    }
}
