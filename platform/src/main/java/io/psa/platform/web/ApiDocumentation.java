package io.psa.platform.web;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
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
import io.psa.platform.axon.rebuild.ServedFrom;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
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
            "422", "Refused by a value rule, named in rule",
            "413", "Too large",
            "503", "Its read model is being rebuilt: try again after Retry-After");
    private static final String WRITE_WAITED_TOO_LONG = "Too many writes wait for their turn; nothing was done: try "
                                                        + "again after Retry-After";

    /**
     * The fields of request bodies documented by their alternatives ({@code @Schema(oneOf)} on a JSON tree read by
     * hand), by body schema and field: OpenAPI 3.0 shows a reference without its siblings, so they are set here.
     */
    private final Map<String, Map<String, List<Class<?>>>> alternatives = new ConcurrentHashMap<>();

    /** Each enum one named schema, as a generated client has one type for it (not a copy per field). */
    public ApiDocumentation() {
        ModelResolver.enumsAsRef = true;
    }

    /**
     * Query parameters of operations that two handlers share, one for requests without the parameter
     * ({@code params = "!asOf"}): springdoc shows the other's as required. By path.
     */
    private final Map<String, List<String>> optionalParameters = new ConcurrentHashMap<>();

    @Bean
    GlobalOperationCustomizer operationsAlike() {
        return (operation, handler) -> {
            optionalWhereAbsentIsMapped(handler);
            if (operation.getSummary() == null) {
                operation.setSummary(sentence(handler.getMethod().getName()));
            }
            alternatives(handler);
            answers(operation, handler);
            refusals(operation, handler);
            formFields(operation);
            return operation;
        };
    }

    /** The plain fields of a multipart form (springdoc lists them as query parameters) as parts of the form. */
    private static void formFields(Operation operation) {
        MediaType form = operation.getRequestBody() == null || operation.getRequestBody().getContent() == null ? null
                : operation.getRequestBody().getContent().get("multipart/form-data");
        if (form == null || operation.getParameters() == null) {
            return;
        }
        Schema<?> parts = form.getSchema();
        operation.getParameters().removeIf(parameter -> {
            if (!"query".equals(parameter.getIn())) {
                return false;
            }
            parts.addProperty(parameter.getName(), parameter.getSchema());
            if (Boolean.TRUE.equals(parameter.getRequired())) {
                parts.addRequiredItem(parameter.getName());
            }
            return true;
        });
    }

    /**
     * A field of an answer that is not required may be null (answers carry nulls): OpenAPI 3.0 says so with
     * {@code nullable}, on the schema a field refers to (a reference has no siblings), and an enum lists null among
     * its values. What a request body uses, directly or within, stays as it is: a request with a null there is
     * refused, so the document must not offer it.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void nullable(io.swagger.v3.oas.models.OpenAPI api, Map<String, Schema> schemas) {
        java.util.Set<String> inRequests = new java.util.HashSet<>();
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().values()
                             .forEach(media -> reach(media.getSchema(), schemas, inRequests));
                }
            }));
        }
        for (Map.Entry<String, Schema> entry : List.copyOf(schemas.entrySet())) {
            Schema<?> schema = entry.getValue();
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            if (schema.getProperties() == null || inRequests.contains(entry.getKey())) {
                continue;
            }
            schema.getProperties().forEach((name, property) -> {
                if (required.contains(name)) {
                    return;
                }
                String ref = property.get$ref();
                String referred = ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
                Schema target = ref == null ? property : inRequests.contains(referred) ? null : schemas.get(referred);
                if (target != null) {
                    target.setNullable(true);
                    if (target.getEnum() != null && !target.getEnum().contains(null)) {
                        target.getEnum().add(null);
                    }
                }
            });
        }
    }

    /**
     * What a client needs to retry safely: {@code Idempotency-Key} on every POST that takes one, 503 on every write
     * of the API (it may wait too long for its turn, see {@link WriteTurnsFilter}), and {@code Retry-After} on a 503.
     */
    private static void retryHeaders(io.swagger.v3.oas.models.OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> {
            // admin operations take neither a key nor a turn
            boolean keyedAndInTurn = path.startsWith("/api/") && !path.startsWith(AdminOperations.PATHS);
            if (keyedAndInTurn) {
                item.readOperationsMap().forEach((method, operation) -> {
                    if (WriteTurnsFilter.isWrite(method.name()) && operation.getResponses() != null
                        && !operation.getResponses().containsKey("503")) {
                        operation.getResponses().addApiResponse("503", problemResponse(WRITE_WAITED_TOO_LONG));
                    }
                });
            }
            if (keyedAndInTurn && item.getPost() != null
                && (item.getPost().getParameters() == null || item.getPost().getParameters().stream()
                        .noneMatch(parameter -> parameter.getName().equals(IdempotencyFilter.HEADER)))) {
                item.getPost().addParametersItem(new io.swagger.v3.oas.models.parameters.HeaderParameter()
                        .name(IdempotencyFilter.HEADER).required(false)
                        .description("a retry with the same key and request answers the first answer, changing "
                                     + "nothing (Idempotent-Replayed: true); kept per user for a day")
                        .schema(new StringSchema().maxLength(IdempotencyFilter.MAX_KEY_LENGTH)));
            }
            item.readOperations().forEach(operation -> java.util.Optional.ofNullable(operation.getResponses())
                    .map(responses -> responses.get("503")).ifPresent(unavailable -> {
                        if (unavailable.getHeaders() == null || !unavailable.getHeaders().containsKey("Retry-After")) {
                            unavailable.addHeaderObject("Retry-After", new Header()
                                    .description("seconds to wait").schema(new IntegerSchema()));
                        }
                    }));
        });
    }

    /** Adds the names of the component schemas {@code schema} uses, directly or within, to {@code names}. */
    @SuppressWarnings("rawtypes")
    private static void reach(Schema<?> schema, Map<String, Schema> schemas, java.util.Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (names.add(name)) {
                reach(schemas.get(name), schemas, names);
            }
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> reach(property, schemas, names));
        }
        reach(schema.getItems(), schemas, names);
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            reach(values, schemas, names);
        }
        for (List<Schema> parts : java.util.Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())) {
            if (parts != null) {
                parts.forEach(part -> reach(part, schemas, names));
            }
        }
    }

    /** The problem schema, and the fields documented by their alternatives (the JSON tree's schema then goes). */
    @Bean
    GlobalOpenApiCustomizer problemSchema() {
        return api -> {
            Map<String, Schema> schemas = api.getComponents().getSchemas();
            alternatives.forEach((body, fields) -> fields.forEach((field, types) -> {
                ComposedSchema oneOf = new ComposedSchema();
                for (Class<?> type : types) {
                    if (type.equals(String.class)) {
                        oneOf.addOneOfItem(new StringSchema());
                    } else {
                        ModelConverters.getInstance().readAll(type).forEach(schemas::put);
                        oneOf.addOneOfItem(new Schema<>().$ref("#/components/schemas/" + type.getSimpleName()));
                    }
                }
                Schema<?> schema = schemas.get(body);
                if (schema != null && schema.getProperties() != null) {
                    schema.getProperties().put(field, oneOf);
                }
            }));
            optionalParameters.forEach((path, names) -> java.util.Optional.ofNullable(api.getPaths().get(path))
                    .map(item -> item.getGet()).map(Operation::getParameters).ifPresent(parameters -> parameters
                            .stream().filter(parameter -> names.contains(parameter.getName()))
                            .forEach(parameter -> parameter.setRequired(false))));
            schemas.remove("JsonNode");
            schemas.put(PROBLEM, problem());
            retryHeaders(api);
            nullable(api, schemas);
        };
    }

    private static Schema<?> problem() {
        return new ObjectSchema().additionalProperties(true)
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("rule", new StringSchema().description("the business rule that refused (409, 422)"))
                .addProperty("command", new IntegerSchema().description("in a batch: the refused command's index"))
                .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema())
                        .addProperty("message", new StringSchema()))
                        .description("the fields that are wrong (400)"));
    }

    private void optionalWhereAbsentIsMapped(HandlerMethod handler) {
        GetMapping get = handler.getMethodAnnotation(GetMapping.class);
        if (get == null) {
            return;
        }
        RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
        String prefix = type == null || type.path().length == 0 ? "" : type.path()[0];
        List<String> absent = Arrays.stream(get.params()).filter(param -> param.startsWith("!"))
                                    .map(param -> param.substring(1)).toList();
        for (String path : get.path().length > 0 ? get.path() : get.value()) {
            if (!absent.isEmpty()) {
                optionalParameters.put(prefix + path, absent);
            }
        }
    }

    private void alternatives(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            Class<?> body = parameter.getParameterType();
            if (parameter.hasParameterAnnotation(RequestBody.class) && body.isRecord()) {
                for (RecordComponent component : body.getRecordComponents()) {
                    io.swagger.v3.oas.annotations.media.Schema documented = component.getAccessor()   // not on the
                            .getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);     // component itself
                    if (documented != null && documented.oneOf().length > 0) {
                        alternatives.computeIfAbsent(body.getSimpleName(), name -> new ConcurrentHashMap<>())
                                    .put(component.getName(), List.of(documented.oneOf()));
                    }
                }
            }
        }
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
        Creates creates = handler.getMethodAnnotation(Creates.class);
        if (creates != null || body != null && body.getSimpleName().equals("Created")) {
            if (creates == null || !creates.orOk()) {
                responses.remove("200");
            }
            Content content = ok != null ? ok.getContent() : new Content().addMediaType("application/json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + body.getSimpleName())));
            responses.addApiResponse("201", new ApiResponse().description("Created").content(content)
                    .addHeaderObject("Location", new Header().description("where the created item is read")
                            .required(true).schema(new StringSchema())));
        } else if (Void.class.equals(body) && ok != null) {
            responses.remove("200");
            responses.addApiResponse("204", new ApiResponse().description("Done"));
        }
    }

    private static void refusals(Operation operation, HandlerMethod handler) {
        boolean reads = handler.hasMethodAnnotation(GetMapping.class);
        boolean servedFromAReadModel = handler.hasMethodAnnotation(ServedFrom.class)
                                       || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ServedFrom.class);
        boolean names = Arrays.stream(handler.getMethodParameters()).anyMatch(parameter -> parameter.hasParameterAnnotation(
                org.springframework.web.bind.annotation.PathVariable.class));
        for (Map.Entry<String, String> refusal : REFUSALS.entrySet()) {
            String status = refusal.getKey();
            boolean applies = switch (status) {
                case "404" -> names;
                case "409", "422" -> !reads;
                case "413" -> operation.getRequestBody() != null;
                case "503" -> reads && servedFromAReadModel;
                default -> true;
            };
            if (applies && !operation.getResponses().containsKey(status)) {
                operation.getResponses().addApiResponse(status, problemResponse(refusal.getValue()));
            }
        }
    }

    private static ApiResponse problemResponse(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }
}
