package io.psa.platform.web;

import io.psa.platform.Now;
import io.psa.platform.PsaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.Optional;

/**
 * The remembered answers of requests sent with an {@code Idempotency-Key}, per user and key, kept for
 * {@code psa.idempotency-retention} (24 hours by default): a retry within that time gets the first answer, a key used
 * again after it runs as a new request. Answers are kept without their one-time secrets (see {@link OneTimeSecret}).
 */
@Repository
public class IdempotencyRecords {
    /** The first answer to a key; {@code fingerprint} is the SHA-256 of the request it answered. */
    public record Answer(String fingerprint, int status, String contentType, String location, byte[] body) {
    }

    private final JdbcTemplate jdbc;
    private final PsaProperties properties;

    public IdempotencyRecords(JdbcTemplate jdbc, PsaProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /**
     * Inserts the key's row, first thing in the request's transaction (an expired row of the key is dropped before).
     * When a committed request has the key, this fails on the primary key; when a running one holds it, the database
     * makes this wait until that one commits (then fails) or rolls back.
     */
    void claim(String scope, String key, String fingerprint) {
        jdbc.update("delete from idempotency_record where scope = ? and idempotency_key = ? and created_at < ?", scope,
                key, oldestKept());
        jdbc.update("insert into idempotency_record (scope, idempotency_key, fingerprint, created_at) values (?, ?, ?, ?)",
                scope, key, fingerprint, Timestamp.from(Now.instant()));
    }

    void remember(String scope, String key, int status, String contentType, String location, byte[] body) {
        jdbc.update("update idempotency_record set status = ?, content_type = ?, location = ?, body = ? "
                    + "where scope = ? and idempotency_key = ?", status, contentType, location, body, scope, key);
    }

    Optional<Answer> load(String scope, String key) {
        return jdbc.query("select fingerprint, status, content_type, location, body from idempotency_record "
                          + "where scope = ? and idempotency_key = ?",
                (rs, row) -> new Answer(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getBytes(5)),
                scope, key).stream().findFirst();
    }

    /** Drops the records older than the retention; runs every ten minutes. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public int purgeExpired() {
        return jdbc.update("delete from idempotency_record where created_at < ?", oldestKept());
    }

    private Timestamp oldestKept() {
        return Timestamp.from(Now.instant().minus(properties.idempotencyRetention()));
    }
}
