package io.psa.platform.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every operation of the OpenAPI document says alike, so that a generated client knows it: a summary (from
 * the method's name where none is written), {@code 201} with {@code Location} for what creates, {@code 204} for
 * what answers nothing, and the refusals as {@code application/problem+json} with their {@code rule}.
 */
@Configuration
public class ApiDocumentation {
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Map<String, String> REFUSALS = Map.of(
            "400", "Malformed or invalid: the fields and what is wrong with each in errors",
            "401", "No valid bearer token",
            "403", "The user's roles do not allow it",
            "404", "Unknown id",
            "409", "Refused by a state rule, named in rule",
            "422", "Refused by a value rule, named in rule");

    @Bean
    GlobalOperationCustomizer operationsAlike() {
        return (operation, handler) -> {
            if (operation.getSummary() == null) {
                operation.setSummary(sentence(handler.getMethod().getName()));
            }
            answers(operation, handler);
            refusals(operation, handler);
            return operation;
        };
    }

    /**
     * The problem schema; and a property documented by its alternatives ({@code oneOf}) loses the reference to its
     * Java type (a JSON tree read by hand), which would otherwise stand as an empty schema beside them.
     */
    @Bean
    GlobalOpenApiCustomizer problemSchema() {
        return api -> {
            api.getComponents().getSchemas().values().forEach(schema -> {
                Map<String, Schema> properties = schema.getProperties();
                if (properties != null) {
                    properties.values().stream().filter(property -> property.getOneOf() != null)
                              .forEach(property -> property.set$ref(null));
                }
            });
            api.getComponents().getSchemas().remove("JsonNode");
            api.getComponents().addSchemas(PROBLEM, problem());
        };
    }

    private static Schema<?> problem() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("rule", new StringSchema().description("the business rule that refused (409, 422)"))
                .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema())
                        .addProperty("message", new StringSchema()))
                        .description("the fields that are wrong (400)"));
    }

    /** "changeContractTerms" reads "Change contract terms". */
    static String sentence(String methodName) {
        String words = Arrays.stream(methodName.split("(?=[A-Z])"))
                             .map(word -> word.toLowerCase(Locale.ROOT)).collect(Collectors.joining(" "));
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static void answers(Operation operation, HandlerMethod handler) {
        ResolvableType returned = ResolvableType.forMethodReturnType(handler.getMethod());
        if (!ResponseEntity.class.equals(returned.resolve())) {
            return;
        }
        Class<?> body = returned.getGeneric(0).resolve();
        ApiResponses responses = operation.getResponses();
        ApiResponse ok = responses.get("200");
        if (ok == null) {
            return;
        }
        if (body != null && body.getSimpleName().equals("Created")) {
            responses.remove("200");
            responses.addApiResponse("201", ok.description("Created").addHeaderObject("Location",
                    new Header().description("where the created item is read").schema(new StringSchema())));
        } else if (Void.class.equals(body)) {
            responses.remove("200");
            responses.addApiResponse("204", new ApiResponse().description("Done"));
        }
    }

    private static void refusals(Operation operation, HandlerMethod handler) {
        boolean reads = handler.hasMethodAnnotation(GetMapping.class);
        boolean names = Arrays.stream(handler.getMethodParameters()).anyMatch(parameter -> parameter.hasParameterAnnotation(
                org.springframework.web.bind.annotation.PathVariable.class));
        for (Map.Entry<String, String> refusal : REFUSALS.entrySet()) {
            String status = refusal.getKey();
            boolean applies = switch (status) {
                case "404" -> names;
                case "409", "422" -> !reads;
                default -> true;
            };
            if (applies && !operation.getResponses().containsKey(status)) {
                operation.getResponses().addApiResponse(status, new ApiResponse().description(refusal.getValue())
                        .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
            }
        }
    }
}
