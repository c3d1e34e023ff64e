package io.psa.command.outbox;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.psa.api.rule.UnknownItem;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** What the instance sends or waits to send (forwards by e-mail and webhook), for admins. */
@RestController
@Tag(name = "Administration")
public class OutboxController {
    /** A message without its content. */
    public record OutboxEntry(String messageId, String channel, String agreementId, String ticketId, String forwardId,
                              String target, Outbox.Status status, int attempts, Instant nextAttemptAt,
                              String lastError, Instant createdAt, Instant deliveredAt) {
    }

    private final Outbox outbox;

    public OutboxController(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Tries a FAILED message again, from its first try; 404 for another message. */
    @PostMapping("/api/admin/outbox/{messageId}/retry")
    public ResponseEntity<Void> retryMessage(@PathVariable String messageId) {
        if (!outbox.retry(messageId)) {
            throw new UnknownItem("failed message", messageId);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/admin/outbox")
    public List<OutboxEntry> messages(@RequestParam(required = false) Outbox.Status status,
                                      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return outbox.newest(status, size).stream().map(m -> new OutboxEntry(m.messageId(), m.channel().name(),
                m.agreementId(), m.ticketId(), m.forwardId(), m.target(), m.status(), m.attempts(), m.nextAttemptAt(),
                m.lastError(), m.createdAt(), m.deliveredAt())).toList();
    }
}
