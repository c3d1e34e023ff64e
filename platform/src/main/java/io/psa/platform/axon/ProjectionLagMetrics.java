package io.psa.platform.axon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.psa.platform.Now;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * Publishes, per streaming event processor, how many events of the store it has not handled yet
 * ({@code psa_projection_lag_events}), how old the oldest of them is ({@code psa_projection_lag_seconds}) and, for
 * those with a dead-letter queue, how many events it parked ({@code psa_projection_dead_letters}). Computed when
 * read, not per event: Axon's per-message monitors, which timed every event for every processor (also the many each
 * ignores), cost a tenth of the system's CPU per command and are not installed.
 */
@Component
public class ProjectionLagMetrics {
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry registry;
    private final DeadLetters deadLetters;
    private final JdbcTemplate jdbc;

    public ProjectionLagMetrics(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry registry,
                                DeadLetters deadLetters, JdbcTemplate jdbc) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
    }

    /** Processors exist only once Axon has started, hence after the context is ready. */
    @EventListener(ApplicationReadyEvent.class)
    public void registerGauges() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("psa.projection.lag.events", streaming, this::eventsBehind)
                     .tag("processor", name)
                     .description("events in the store the processor has not handled yet")
                     .register(registry);
                Gauge.builder("psa.projection.lag.seconds", streaming, this::secondsBehind)
                     .tag("processor", name)
                     .description("age of the oldest event in the store the processor has not handled yet")
                     .register(registry);
            }
            if (processing.sequencedDeadLetterProcessor(name).isPresent()) {
                Gauge.builder("psa.projection.dead.letters", () -> deadLetters.count(name))
                     .tag("processor", name)
                     .description("events the processor parked because it could not apply them")
                     .register(registry);
            }
        });
    }

    /** How long ago the first event after the slowest segment's position was stored; 0 when it has none ahead. */
    private double secondsBehind(StreamingEventProcessor processor) {
        long position = processor.processingStatus().values().stream()
                                 .mapToLong(status -> status.getCurrentPosition().orElse(-1)).min().orElse(-1);
        List<String> oldest = jdbc.queryForList("select time_stamp from domain_event_entry where global_index > ? "
                                                + "order by global_index limit 1", String.class, position);
        return oldest.isEmpty() ? 0 : Math.max(0, Duration.between(DateTimeUtils.parseInstant(oldest.get(0)),
                Now.instant()).toMillis() / 1000.0);
    }

    /** The slowest segment's distance to the head of the store; with no segment claimed yet, all of it. */
    private double eventsBehind(StreamingEventProcessor processor) {
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? 0 : headToken.position().orElse(0);
        return processor.processingStatus().values().stream()
                        .mapToLong(status -> head - status.getCurrentPosition().orElse(-1))
                        .max()
                        .orElse(head + 1);
    }
}
