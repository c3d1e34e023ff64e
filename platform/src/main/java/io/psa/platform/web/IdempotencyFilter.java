package io.psa.platform.web;

import io.psa.api.rule.Limits;
import io.psa.platform.Sha256;
import io.psa.platform.axon.CommandTransaction;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code Idempotency-Key} on a POST: the request runs in one unit of work that owns the database transaction, together
 * with the record of its answer. So the events it stores and the remembered answer are committed together or not at
 * all (a crash in between leaves nothing, and the retry runs afresh); the aggregates it changed stay locked until
 * that commit (a concurrent command on the same ticket waits for it, so a ticket's events commit in their order); and
 * the events reach this process's processors right after the commit. A retry with the same key and the same request
 * (method, path, query and body, compared by their SHA-256) gets the first answer back and changes nothing; the same
 * key with another request is refused (422). A concurrent duplicate waits on the key's row and then gets the first
 * answer too. Only successful answers are remembered: a refused request stored nothing, so running it again is
 * harmless. Keys are per user and expire (see {@link IdempotencyRecords}). Admin operations under
 * {@value AdminOperations#PATHS} run their own transactions (a dead-letter retry one per parked sequence) and take no
 * key.
 */
public class IdempotencyFilter extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** Request attribute: the body to remember instead of the one sent (see {@link OneTimeSecret}). */
    static final String REMEMBERED_BODY = IdempotencyFilter.class.getName() + ".rememberedBody";
    static final int MAX_KEY_LENGTH = 200;

    /** Rolls the unit of work back when the answer is not a success (nothing is to be kept then). */
    private static final class NotSuccessful extends RuntimeException {
        NotSuccessful() {
            super(null, null, false, false);
        }
    }

    /** Carries what the rest of the chain threw through the unit of work, to be thrown again as it was. */
    private static final class ChainFailed extends RuntimeException {
        ChainFailed(Exception failure) {
            super(failure);
        }
    }

    private final IdempotencyRecords records;
    private final CommandTransaction transaction;
    private final ProblemResponses problems;
    private final MultipartResolver multipartResolver;
    private final long jsonMaxSize;

    public IdempotencyFilter(IdempotencyRecords records, CommandTransaction transaction, ProblemResponses problems,
                             MultipartResolver multipartResolver, long jsonMaxSize) {
        this.records = records;
        this.transaction = transaction;
        this.problems = problems;
        this.multipartResolver = multipartResolver;
        this.jsonMaxSize = jsonMaxSize;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
               || request.getRequestURI().startsWith(AdminOperations.PATHS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !Limits.isPlainText(key)) {
            problems.write(response, HttpStatus.BAD_REQUEST,
                    HEADER + " must have 1 to " + MAX_KEY_LENGTH + " characters, none of them a control character.");
            return;
        }
        if (multipartResolver.isMultipart(request)) {
            MultipartHttpServletRequest multipart = multipartResolver.resolveMultipart(request);
            try {
                runOnce(key, fingerprint(multipart), multipart, response, chain);
            } finally {
                multipartResolver.cleanupMultipart(multipart);
            }
            return;
        }
        ReadAhead read = ReadAhead.read(request, jsonMaxSize);
        if (read == null) {
            problems.bodyTooLarge(response, jsonMaxSize);
            return;
        }
        runOnce(key, fingerprint(request, mediaType(request.getContentType()), read.body()), read, response, chain);
    }

    /** The type without its parameters, so that a retry that adds {@code ;charset=UTF-8} is the same request. */
    private static String mediaType(String contentType) {
        try {
            return contentType == null ? null : MediaType.parseMediaType(contentType).getType() + "/"
                                                + MediaType.parseMediaType(contentType).getSubtype();
        } catch (InvalidMediaTypeException e) {
            return contentType;
        }
    }

    private void runOnce(String key, String fingerprint, HttpServletRequest request, HttpServletResponse response,
                         FilterChain chain) throws IOException, ServletException {
        String scope = SecurityContextHolder.getContext().getAuthentication().getName();
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            transaction.call(() -> {
                records.claim(scope, key, fingerprint);
                run(chain, request, answer);
                if (answer.getStatus() < 200 || answer.getStatus() >= 300) {
                    throw new NotSuccessful();
                }
                Object remembered = request.getAttribute(REMEMBERED_BODY);
                records.remember(scope, key, answer.getStatus(), answer.getContentType(),
                        answer.getHeader(HttpHeaders.LOCATION),
                        remembered instanceof byte[] bytes ? bytes : answer.getContentAsByteArray());
                return null;
            });
            answer.copyBodyToResponse();
        } catch (NotSuccessful refused) {
            answer.copyBodyToResponse();
        } catch (DuplicateKeyException answeredBefore) {
            IdempotencyRecords.Answer earlier = records.load(scope, key).orElseThrow(() -> answeredBefore);
            if (!earlier.fingerprint().equals(fingerprint)) {
                problems.write(response, HttpStatus.UNPROCESSABLE_ENTITY, "This " + HEADER + " was used for another "
                        + "request (another method, path or body); use a new key for a new request.");
            } else {
                replay(earlier, response);
            }
        } catch (ChainFailed failed) {
            if (failed.getCause() instanceof ServletException servlet) {
                throw servlet;
            }
            throw (IOException) failed.getCause();
        }
    }

    private static String fingerprint(HttpServletRequest request, String contentType, byte[] body) {
        ByteArrayOutputStream described = new ByteArrayOutputStream();
        described.writeBytes((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n"
                              + contentType + "\n").getBytes(StandardCharsets.UTF_8));
        described.writeBytes(body);
        return Sha256.hex(described.toByteArray());
    }

    /** A multipart request by its fields and files (its boundary differs from one sending to the next). */
    private static String fingerprint(MultipartHttpServletRequest request) throws IOException {
        StringBuilder parts = new StringBuilder();
        new TreeMap<>(request.getParameterMap()).forEach((name, values) ->
                parts.append("field ").append(name).append('=').append(String.join("\u0001", values)).append('\n'));
        for (Map.Entry<String, List<MultipartFile>> files : new TreeMap<>(request.getMultiFileMap()).entrySet()) {
            for (MultipartFile file : files.getValue()) {
                parts.append("file ").append(files.getKey()).append(' ').append(file.getOriginalFilename()).append(' ')
                     .append(file.getContentType()).append(' ').append(Sha256.hex(file.getBytes())).append('\n');
            }
        }
        return fingerprint(request, "multipart", parts.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void run(FilterChain chain, HttpServletRequest request, HttpServletResponse response) {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException e) {
            throw new ChainFailed(e);
        }
    }

    private static void replay(IdempotencyRecords.Answer earlier, HttpServletResponse response) throws IOException {
        response.setStatus(earlier.status());
        response.setHeader(REPLAYED_HEADER, "true");
        if (earlier.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, earlier.location());
        }
        if (earlier.contentType() != null) {
            response.setContentType(earlier.contentType());
        }
        if (earlier.body() != null) {
            response.getOutputStream().write(earlier.body());
        }
    }
}
