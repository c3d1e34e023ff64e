package io.psa.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code Idempotency-Key} on a POST: the request runs in one database transaction together with the record of its
 * answer, so the events it stores and the remembered answer are committed together or not at all (a crash in between
 * leaves nothing, and the retry runs afresh). A retry with the same key gets the first answer back and changes
 * nothing; a concurrent duplicate waits on the key's row and then gets that answer too. Only successful answers are
 * remembered: a refused request stored nothing, so running it again is harmless. Keys are per user.
 */
public class IdempotencyFilter extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 200;

    private record StoredAnswer(String fingerprint, int status, String contentType, String location, byte[] body) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ProblemResponses problems;

    public IdempotencyFilter(JdbcTemplate jdbc, TransactionTemplate transaction, ProblemResponses problems) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            problems.write(response, HttpStatus.BAD_REQUEST,
                    HEADER + " must have 1 to " + MAX_KEY_LENGTH + " characters.");
            return;
        }
        String scope = SecurityContextHolder.getContext().getAuthentication().getName();
        String fingerprint = request.getMethod() + " " + request.getRequestURI();
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        Optional<StoredAnswer> earlier;
        try {
            earlier = transaction.execute(tx -> {
                claim(scope, key, fingerprint);
                run(chain, request, answer);
                if (answer.getStatus() >= 200 && answer.getStatus() < 300) {
                    remember(scope, key, answer);
                } else {
                    tx.setRollbackOnly();
                }
                return Optional.empty();
            });
        } catch (DuplicateKeyException answeredBefore) {
            earlier = Optional.of(load(scope, key));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (earlier.isEmpty()) {
            answer.copyBodyToResponse();
        } else if (!earlier.get().fingerprint().equals(fingerprint)) {
            problems.write(response, HttpStatus.UNPROCESSABLE_ENTITY,
                    "This " + HEADER + " was used for another request (" + earlier.get().fingerprint() + ").");
        } else {
            replay(earlier.get(), response);
        }
    }

    /**
     * Inserts the key's row, first thing in the transaction. When a committed request has it, this fails on the key;
     * when a running one holds it, the database makes this wait for that one to commit (then fail) or roll back.
     */
    private void claim(String scope, String key, String fingerprint) {
        jdbc.update("insert into idempotency_record (scope, idempotency_key, fingerprint, created_at) values (?, ?, ?, ?)",
                scope, key, fingerprint, Timestamp.from(Instant.now()));
    }

    private void remember(String scope, String key, ContentCachingResponseWrapper answer) {
        jdbc.update("update idempotency_record set status = ?, content_type = ?, location = ?, body = ? "
                    + "where scope = ? and idempotency_key = ?",
                answer.getStatus(), answer.getContentType(), answer.getHeader(HttpHeaders.LOCATION),
                answer.getContentAsByteArray(), scope, key);
    }

    private StoredAnswer load(String scope, String key) {
        return jdbc.queryForObject("select fingerprint, status, content_type, location, body from idempotency_record "
                                   + "where scope = ? and idempotency_key = ?",
                (rs, row) -> new StoredAnswer(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getBytes(5)), scope, key);
    }

    private static void run(FilterChain chain, HttpServletRequest request, HttpServletResponse response) {
        try {
            chain.doFilter(request, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void replay(StoredAnswer earlier, HttpServletResponse response) throws IOException {
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
