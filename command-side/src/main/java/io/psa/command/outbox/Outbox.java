package io.psa.command.outbox;

import io.psa.api.outsourcing.ForwardChannel;
import io.psa.api.rule.Limits;
import io.psa.platform.Now;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every message this instance sends by e-mail or webhook, written in the transaction of the event that causes it (so
 * it exists exactly when that event does) and delivered after the commit by {@link OutboxDelivery}. A message that is
 * being sent is claimed; a claim older than {@link #CLAIM_EXPIRES} (a crash in the middle of sending) is taken again.
 */
@Repository
public class Outbox {
    /** PENDING: not tried yet (or waiting for a mail server); RETRYING after a failed try; DELIVERED; FAILED for good. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "DeliveryStatus")   // one name per enum in the document
    public enum Status { PENDING, RETRYING, DELIVERED, FAILED }

    public record Message(String messageId, ForwardChannel channel, String agreementId, String ticketId,
                          String forwardId, String target, String payload, Status status, int attempts,
                          Instant nextAttemptAt, String lastError, Instant createdAt, Instant deliveredAt) {
    }

    static final Duration CLAIM_EXPIRES = Duration.ofMinutes(5);

    private static final String COLUMNS = "message_id, channel, agreement_id, ticket_id, forward_id, target, document, "
            + "status, attempts, next_attempt_at, last_error, created_at, delivered_at";
    private static final RowMapper<Message> MESSAGE = (rs, row) -> new Message(rs.getString(1),
            ForwardChannel.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), Status.valueOf(rs.getString(8)), rs.getInt(9),
            rs.getTimestamp(10).toInstant(), rs.getString(11), rs.getTimestamp(12).toInstant(),
            rs.getTimestamp(13) == null ? null : rs.getTimestamp(13).toInstant());

    private final JdbcTemplate jdbc;

    public Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a message in the running transaction; answers its id (which also travels with it, for dedupe). */
    public String enqueue(ForwardChannel channel, String agreementId, String ticketId, String forwardId, String target,
                          String payload) {
        String messageId = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Now.instant());
        jdbc.update("insert into outbound_message (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, null, ?, null)",
                messageId, channel.name(), agreementId, ticketId, forwardId, target, payload, Status.PENDING.name(),
                now, now);
        return messageId;
    }

    /** Messages due for a try (oldest first) that nobody is sending. */
    List<Message> due(int limit) {
        Timestamp now = Timestamp.from(Now.instant());
        return jdbc.query("select " + COLUMNS + " from outbound_message where status in ('PENDING', 'RETRYING') "
                          + "and next_attempt_at <= ? and (claimed_at is null or claimed_at < ?) "
                          + "order by next_attempt_at limit ?", MESSAGE, now,
                Timestamp.from(Now.instant().minus(CLAIM_EXPIRES)), limit);
    }

    /** Takes the message for a try; false when another worker took it (or sent it) first. */
    boolean claim(String messageId) {
        Instant now = Now.instant();
        return jdbc.update("update outbound_message set claimed_at = ? where message_id = ? and status in "
                           + "('PENDING', 'RETRYING') and next_attempt_at <= ? and (claimed_at is null or claimed_at < ?)",
                Timestamp.from(now), messageId, Timestamp.from(now), Timestamp.from(now.minus(CLAIM_EXPIRES))) == 1;
    }

    /** Gives the message back untried, to be looked at again at {@code next} (a mail server not configured yet). */
    void waiting(String messageId, Instant next, String reason) {
        jdbc.update("update outbound_message set claimed_at = null, next_attempt_at = ?, last_error = ? "
                    + "where message_id = ?", Timestamp.from(next), Limits.abbreviated(reason, 1000), messageId);
    }

    void delivered(String messageId, int attempts) {
        jdbc.update("update outbound_message set status = ?, attempts = ?, claimed_at = null, delivered_at = ?, "
                    + "last_error = null where message_id = ?", Status.DELIVERED.name(), attempts,
                Timestamp.from(Now.instant()), messageId);
    }

    /** A failed try: tried again at {@code next}, or never (null: FAILED). */
    void failed(String messageId, int attempts, Instant next, String reason) {
        jdbc.update("update outbound_message set status = ?, attempts = ?, claimed_at = null, next_attempt_at = ?, "
                    + "last_error = ? where message_id = ?", (next == null ? Status.FAILED : Status.RETRYING).name(),
                attempts, Timestamp.from(next == null ? Now.instant() : next), Limits.abbreviated(reason, 1000),
                messageId);
    }

    /** The newest messages, without their content: for admins, at most {@code limit}. */
    public List<Message> newest(Status status, int limit) {
        String listed = COLUMNS.replace("document", "'' as document");
        return status == null
                ? jdbc.query("select " + listed + " from outbound_message order by created_at desc limit ?", MESSAGE,
                        limit)
                : jdbc.query("select " + listed + " from outbound_message where status = ? order by created_at desc "
                             + "limit ?", MESSAGE, status.name(), limit);
    }

    /** A FAILED message is tried again from its first try (an admin mended the address or the mail server). */
    public boolean retry(String messageId) {
        return jdbc.update("update outbound_message set status = ?, attempts = 0, next_attempt_at = ?, claimed_at = null "
                           + "where message_id = ? and status = ?", Status.PENDING.name(), Timestamp.from(Now.instant()),
                messageId, Status.FAILED.name()) == 1;
    }

    /** Drops delivered messages older than {@code age}. */
    int purgeDelivered(Duration age) {
        return jdbc.update("delete from outbound_message where status = ? and delivered_at < ?",
                Status.DELIVERED.name(), Timestamp.from(Now.instant().minus(age)));
    }
}
