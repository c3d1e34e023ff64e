package io.psa.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.psa.api.rule.Limits;
import io.psa.api.rule.RuleViolation;
import io.psa.api.rule.UnknownItem;
import io.psa.platform.PsaProperties;
import io.psa.platform.axon.rebuild.ProjectionRebuilding;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every refusal as problem+json: 400 with the offending fields, 404 unknown ids, 409 a state rule (named),
 * 413 too large, 422 a value rule (named). A 500 is only ever a fault of ours, and is logged.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    private final PsaProperties properties;

    public ProblemHandling(PsaProperties properties) {
        this.properties = properties;
    }

    /** One invalid field: its path in the request and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }

    @ExceptionHandler(RuleViolation.class)
    public ProblemDetail ruleViolated(RuleViolation violation) {
        HttpStatus status = violation.kind() == RuleViolation.Kind.STATE ? HttpStatus.CONFLICT
                                                                          : HttpStatus.UNPROCESSABLE_ENTITY;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, violation.getMessage());
        problem.setTitle("Refused by rule " + violation.rule());
        problem.setProperty("rule", violation.rule());
        return problem;
    }

    @ExceptionHandler(ProblemAnswer.class)
    public ProblemDetail answered(ProblemAnswer answer) {
        return ProblemDetail.forStatusAndDetail(answer.status(), answer.getMessage());
    }

    /** A read model being rebuilt: 503, its progress, and when to ask again. */
    @ExceptionHandler(ProjectionRebuilding.class)
    public ResponseEntity<ProblemDetail> rebuilding(ProjectionRebuilding e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setProperty("rebuild", e.rebuild());
        long retryAfter = e.rebuild().secondsLeft() == null ? 5 : Math.max(1, Math.min(30, e.rebuild().secondsLeft()));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                             .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter)).body(problem);
    }

    @ExceptionHandler(UnknownItem.class)
    public ProblemDetail unknown(UnknownItem e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ProblemDetail unknown(AggregateNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "Nothing with id " + e.getAggregateIdentifier() + " exists.");
    }

    /** The id is of something else (a company's id where a contract's is asked for): nothing of this kind has it. */
    @ExceptionHandler(IncompatibleAggregateException.class)
    public ProblemDetail otherKind(IncompatibleAggregateException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "Nothing of this kind exists with that id (it is the id of something else).");
    }

    @ExceptionHandler({ConcurrencyException.class, DuplicateKeyException.class, PessimisticLockingFailureException.class,
            LockAcquisitionFailedException.class, DeadlockException.class})
    public ProblemDetail concurrentChange(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Someone changed this at the same moment; read it again and retry.");
        problem.setProperty("rule", "no-concurrent-change");
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<Object> badParameter(MethodArgumentTypeMismatchException e) {
        return invalid(List.of(new FieldProblem(e.getName(), "has an invalid value")));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ProblemDetail badInput(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    public ProblemDetail unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred on our side; read what you meant to change before you retry.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> fields = e.getBindingResult().getFieldErrors().stream()
                                     .map(error -> new FieldProblem(error.getField(), message(error))).toList();
        return invalid(fields);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> fields = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldProblem(
                        result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .sorted(Comparator.comparing(FieldProblem::field)).toList();
        return invalid(fields);
    }

    /**
     * A body that cannot be read: the field and what is wrong with it when the JSON is well-formed, else the parser's
     * reason; 413 for a body over the JSON size limit.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = e.getCause();
        for (Throwable inner = cause; inner != null; inner = inner.getCause()) {
            if (inner instanceof StreamConstraintsException limit && limit.getMessage().startsWith("Document length")) {
                return tooLarge(properties.jsonMaxSize().toBytes(), "The request body");
            }
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                                  .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                                  .collect(Collectors.joining(".")).replace(".[", "[");
            return invalid(List.of(new FieldProblem(field, fieldProblem(mapping))));
        }
        String reason = cause instanceof JsonProcessingException json ? json.getOriginalMessage() : null;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is missing or is not one valid JSON document"
                + (reason == null ? "." : ": " + abbreviated(reason)));
        return ResponseEntity.badRequest().body(problem);
    }

    private static String fieldProblem(JsonMappingException mapping) {
        if (mapping instanceof StrictJson.NotPlainText) {
            return mapping.getOriginalMessage();
        }
        if (mapping instanceof UnrecognizedPropertyException) {
            return "is not a field of this request";
        }
        if (mapping instanceof InvalidNullException) {
            return "must not be null";
        }
        if (mapping.getCause() instanceof StreamConstraintsException) {
            return "is too long";
        }
        if (mapping instanceof ValueInstantiationException && mapping.getCause() instanceof IllegalArgumentException
            && mapping.getCause().getMessage() != null) {
            return abbreviated(mapping.getCause().getMessage());
        }
        return "has a value of the wrong type or format";
    }

    @ExceptionHandler(MultipartException.class)
    public ProblemDetail badMultipart(MultipartException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The multipart body is malformed (a multipart/form-data body with its boundary is expected).");
    }

    @ExceptionHandler(RequestRejectedException.class)
    public ProblemDetail rejected(RequestRejectedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ErrorAnswers.detail(HttpStatus.BAD_REQUEST));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return tooLarge(properties.attachmentMaxSize().toBytes(), "The file");
    }

    private static ResponseEntity<Object> tooLarge(long limit, String what) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                             .body(ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                                     ProblemResponses.tooLarge(what, limit)));
    }

    private static String abbreviated(String text) {
        return Limits.abbreviated(text, 200);
    }

    private static ResponseEntity<Object> invalid(List<FieldProblem> fields) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid fields: "
                + fields.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; ")));
        problem.setProperties(Map.of("errors", fields));
        return ResponseEntity.badRequest().body(problem);
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
    }
}
