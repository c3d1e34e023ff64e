package io.psa.command.outbox;

import io.github.resilience4j.core.IntervalFunction;
import io.psa.api.outsourcing.DeliveryResult;
import io.psa.api.outsourcing.ForwardChannel;
import io.psa.platform.Now;
import io.psa.platform.axon.CommandTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers the outbox after the commit: every half second it takes the messages that are due, sends each (outside any
 * transaction), and records the try (the message's new state and what the listeners record, in one transaction).
 * Failed tries are repeated after an exponential backoff with jitter ({@code psa.outbox.first-retry}, doubling, at
 * most 30 minutes) up to {@code psa.outbox.max-attempts}; then the message is FAILED. A crash between sending and
 * recording sends the message again once its claim expires: delivery is at least once, and every message carries its
 * id (header {@code X-PSA-Delivery} of a webhook call or a mail) for the receiver to drop a repeat. The message's new
 * state is committed first, then the listeners record the try (a failing listener cannot make a delivered message be
 * sent again). Delivered messages are dropped after 30 days; FAILED ones stay for admins to retry.
 */
@Component
public class OutboxDelivery implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);
    private static final int BATCH = 20;

    private final Outbox outbox;
    private final Map<ForwardChannel, Transport> transports = new EnumMap<>(ForwardChannel.class);
    private final List<DeliveryListener> listeners;
    private final CommandTransaction transaction;
    private final IntervalFunction backoff;
    private final int maxAttempts;
    private final boolean enabled;
    private ScheduledExecutorService worker;

    OutboxDelivery(Outbox outbox, List<Transport> transports, List<DeliveryListener> listeners,
                   CommandTransaction transaction,
                   @Value("${psa.outbox.first-retry:PT10S}") Duration firstRetry,
                   @Value("${psa.outbox.max-attempts:10}") int maxAttempts,
                   @Value("${psa.outbox.enabled:true}") boolean enabled) {
        this.outbox = outbox;
        transports.forEach(transport -> this.transports.put(transport.channel(), transport));
        this.listeners = listeners;
        this.transaction = transaction;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(firstRetry.toMillis(), 2.0, 0.5,
                Duration.ofMinutes(30).toMillis());
        this.maxAttempts = maxAttempts;
        this.enabled = enabled;
    }

    private static final Duration KEPT_AFTER_DELIVERY = Duration.ofDays(30);

    private void deliverDue() {
        try {
            for (Outbox.Message message : outbox.due(BATCH)) {
                try {
                    if (outbox.claim(message.messageId())) {
                        deliver(message);
                    }
                } catch (RuntimeException e) {
                    log.warn("outbox: message {}: {}", message.messageId(), e.toString());
                }
            }
        } catch (RuntimeException e) {
            log.warn("outbox: {}", e.toString());
        }
    }

    private void purge() {
        try {
            outbox.purgeDelivered(KEPT_AFTER_DELIVERY);
        } catch (RuntimeException e) {
            log.warn("outbox: cannot purge: {}", e.toString());
        }
    }

    private void deliver(Outbox.Message message) {
        Transport transport = transports.get(message.channel());
        Optional<String> notReady = transport.notReady();
        if (notReady.isPresent()) {
            outbox.waiting(message.messageId(), Now.instant().plus(Duration.ofMinutes(1)), notReady.get());
            return;
        }
        int attempt = message.attempts() + 1;
        String failure = null;
        boolean lasting = false;
        try {
            transport.send(message);
        } catch (Transport.Undeliverable e) {
            failure = e.getMessage();
            lasting = e.isLasting();
        } catch (RuntimeException e) {
            failure = "sending failed (" + e.getClass().getSimpleName() + ")";
            log.warn("outbox: message {} failed", message.messageId(), e);
        }
        Instant next = failure == null || lasting || attempt >= maxAttempts ? null
                : Now.instant().plusMillis(backoff.apply(attempt));
        DeliveryResult result = failure == null ? DeliveryResult.DELIVERED
                : next == null ? DeliveryResult.FAILED : DeliveryResult.RETRYING;
        String reason = failure;
        transaction.run(() -> {
            if (result == DeliveryResult.DELIVERED) {
                outbox.delivered(message.messageId(), attempt);
            } else {
                outbox.failed(message.messageId(), attempt, next, reason);
            }
        });
        for (DeliveryListener listener : listeners) {
            try {
                transaction.run(() -> listener.tried(message, result, attempt, reason));
            } catch (RuntimeException e) {
                log.warn("outbox: the try of message {} could not be recorded: {}", message.messageId(), e.toString());
            }
        }
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-delivery");
            thread.setDaemon(true);
            return thread;
        });
        worker.scheduleWithFixedDelay(this::deliverDue, 1000, 500, TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public void stop() {
        if (worker != null) {
            worker.shutdownNow();
            try {
                worker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    /** After Axon's processors, before them on shutdown. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
