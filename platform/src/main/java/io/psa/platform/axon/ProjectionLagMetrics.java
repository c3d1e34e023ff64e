package io.psa.platform.axon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publishes, per streaming event processor, how many events of the store it has not handled yet
 * ({@code psa_projection_lag_events}) and, for those with a dead-letter queue, how many events it parked
 * ({@code psa_projection_dead_letters}). Axon's own {@code eventProcessor} latency timers give the lag in time.
 */
@Component
public class ProjectionLagMetrics {
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry registry;
    private final DeadLetters deadLetters;

    public ProjectionLagMetrics(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry registry,
                                DeadLetters deadLetters) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.registry = registry;
        this.deadLetters = deadLetters;
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
            }
            if (processing.sequencedDeadLetterProcessor(name).isPresent()) {
                Gauge.builder("psa.projection.dead.letters", () -> deadLetters.count(name))
                     .tag("processor", name)
                     .description("events the processor parked because it could not apply them")
                     .register(registry);
            }
        });
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
