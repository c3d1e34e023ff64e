package io.psa.command.outsourcing;

import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.api.outsourcing.SyncFact;
import io.psa.platform.Now;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.psa.api.outsourcing.AgreementMessages.AgreementState;
import static io.psa.api.outsourcing.AgreementMessages.PartnerKind;

/**
 * Runs one subscriber per active agreement: it reads the partner's feed from the stored cursor (long poll) and
 * applies each fact. On any failure (partner down, network, this database) it records the error and tries again
 * after an exponential backoff with jitter, so a partner that was down for an hour is caught up when it is back.
 */
@Component
public class PartnerSubscriptions implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PartnerSubscriptions.class);
    private static final int PAGE = 200;

    /**
     * An agreement with how far this instance has read the partner's feed (for a network: its last failure).
     * {@code healthy}: for a partner instance whose feed this instance reads, whether the last read succeeded (after
     * the last error, which stays shown); null for an agreement without a feed to read, or before its first read.
     */
    public record PartnerView(String agreementId, OutsourcingSide side, PartnerKind kind, String name, String contact,
                              AgreementState state, String baseUrl, String language, String email, String webhookUrl,
                              Instant createdAt, long position, long head, long lag, long appliedFacts,
                              long refusedFacts, Instant lastAppliedAt, Instant lastReadAt, Boolean healthy,
                              String lastError, Instant lastErrorAt) {
    }

    private final PartnerDirectory directory;
    private final PartnerClient client;
    private final PartnerFacts facts;
    private final JdbcTemplate jdbc;
    private final MeterRegistry metrics;
    private final boolean enabled;
    private final IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(500, 2.0, 0.5, 30_000);
    private final Map<String, Subscriber> running = new ConcurrentHashMap<>();
    private ScheduledExecutorService supervisor;
    private ExecutorService readers;

    public PartnerSubscriptions(PartnerDirectory directory, PartnerClient client, PartnerFacts facts, JdbcTemplate jdbc,
                                MeterRegistry metrics, @Value("${psa.partner-sync.enabled:true}") boolean enabled) {
        this.directory = directory;
        this.client = client;
        this.facts = facts;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.enabled = enabled;
    }

    /** How far this instance has read an agreement's feed; all zero before its subscriber first ran. */
    private record Progress(long position, long head, long appliedFacts, long refusedFacts, Instant lastAppliedAt,
                            Instant lastReadAt, String lastError, Instant lastErrorAt) {
        static final Progress NONE = new Progress(0, 0, 0, 0, null, null, null, null);

        /** Whether the last read succeeded; null before the first read. */
        Boolean lastReadSucceeded() {
            if (lastReadAt == null && lastErrorAt == null) {
                return null;
            }
            return lastReadAt != null && (lastErrorAt == null || !lastReadAt.isBefore(lastErrorAt));
        }
    }

    public PartnerView view(PartnerDirectory.Agreement agreement) {
        Progress progress = jdbc.query("select position, head, applied_facts, refused_facts, last_applied_at, "
                        + "last_read_at, last_error, last_error_at from partner_subscription where agreement_id = ?",
                (rs, row) -> new Progress(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), rs.getString(7),
                        instant(rs.getTimestamp(8))),
                agreement.agreementId()).stream().findFirst().orElse(Progress.NONE);
        return new PartnerView(agreement.agreementId(), agreement.side(), agreement.kind(), agreement.name(),
                agreement.contact(), agreement.state(), agreement.baseUrl(), agreement.language(), agreement.email(),
                agreement.webhookUrl(), agreement.createdAt(), progress.position(), progress.head(),
                Math.max(0, progress.head() - progress.position()), progress.appliedFacts(), progress.refusedFacts(),
                progress.lastAppliedAt(), progress.lastReadAt(),
                agreement.canSync() ? progress.lastReadSucceeded() : null, progress.lastError(), progress.lastErrorAt());
    }

    /** Starts a subscriber for each agreement that can sync, stops those whose agreement no longer can. */
    private void supervise() {
        try {
            for (PartnerDirectory.Agreement agreement : directory.all()) {
                if (agreement.canSync() && !running.containsKey(agreement.agreementId())) {
                    start(agreement.agreementId());
                }
            }
        } catch (RuntimeException e) {
            log.warn("partner subscriptions: cannot read the agreements: {}", e.getMessage());
        }
    }

    private void start(String agreementId) {
        ensureSubscriptionRow(agreementId);
        Subscriber subscriber = new Subscriber(agreementId);
        running.put(agreementId, subscriber);
        Gauge.builder("psa.partner.sync.lag.facts", () -> lag(agreementId))
             .tag("agreement", agreementId).description("facts in the partner's feed not applied here yet")
             .register(metrics);
        readers.submit(subscriber);
    }

    private double lag(String agreementId) {
        return jdbc.query("select head - position from partner_subscription where agreement_id = ?",
                (rs, row) -> rs.getDouble(1), agreementId).stream().findFirst().orElse(0.0);
    }

    /** Shows {@code error} as the agreement's last error (a sync that failed, a forward that could not be delivered). */
    void recordError(String agreementId, String error) {
        try {
            ensureSubscriptionRow(agreementId);
            jdbc.update("update partner_subscription set last_error = ?, last_error_at = ? where agreement_id = ?",
                    PartnerFacts.abbreviated(error), Timestamp.from(Now.instant()), agreementId);
        } catch (RuntimeException databaseDown) {
            log.warn("agreement {}: cannot record the error: {}", agreementId, databaseDown.getMessage());
        }
    }

    private void ensureSubscriptionRow(String agreementId) {
        if (jdbc.queryForObject("select count(*) from partner_subscription where agreement_id = ?", Integer.class,
                agreementId) == 0) {
            jdbc.update("insert into partner_subscription (agreement_id, position, head, applied_facts, refused_facts) "
                        + "values (?, 0, 0, 0, 0)", agreementId);
        }
    }

    /** Reads one agreement's feed until its agreement stops syncing or this instance stops. */
    private final class Subscriber implements Runnable {
        private final String agreementId;
        private int failures;

        Subscriber(String agreementId) {
            this.agreementId = agreementId;
        }

        @Override
        public void run() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Optional<PartnerDirectory.Agreement> agreement = directory.find(agreementId)
                                                                              .filter(PartnerDirectory.Agreement::canSync);
                    if (agreement.isEmpty()) {
                        return;
                    }
                    readOnce(agreement.get());
                }
            } finally {
                running.remove(agreementId);
            }
        }

        private void readOnce(PartnerDirectory.Agreement agreement) {
            try {
                long position = jdbc.queryForObject("select position from partner_subscription where agreement_id = ?",
                        Long.class, agreementId);
                SyncFact.Page page = client.events(agreement, position, PAGE, PartnerClient.LONG_POLL_SECONDS);
                jdbc.update("update partner_subscription set head = ? where agreement_id = ?", page.head(), agreementId);
                facts.applyAll(agreement, page.facts());
                jdbc.update("update partner_subscription set last_read_at = ? where agreement_id = ?",
                        Timestamp.from(Now.instant()), agreementId);
                failures = 0;
            } catch (RuntimeException e) {
                failures++;
                String error = PartnerClient.describe(e);
                log.warn("partner sync {} ({}): {}", agreement.name(), agreementId, error);
                metrics.counter("psa.partner.sync.errors", "agreement", agreementId).increment();
                recordError(error);
                pause(backoff.apply(failures));
            }
        }

        private void recordError(String error) {
            PartnerSubscriptions.this.recordError(agreementId, error);
        }

        private void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        readers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "partner-sync");
            thread.setDaemon(true);
            return thread;
        });
        supervisor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "partner-sync-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        supervisor.scheduleWithFixedDelay(this::supervise, 0, 1, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (supervisor != null) {
            supervisor.shutdownNow();
            readers.shutdownNow();
            try {
                readers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            supervisor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return supervisor != null;
    }

    /** After Axon's processors, before them on shutdown. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
