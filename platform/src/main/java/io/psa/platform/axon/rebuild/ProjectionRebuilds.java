package io.psa.platform.axon.rebuild;

import io.psa.api.rule.RuleViolation;
import io.psa.api.rule.UnknownItem;
import io.psa.platform.Now;
import io.psa.platform.axon.AdminJobs;
import io.psa.platform.web.ProblemAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Rebuilds of a projection from the event store while the system keeps serving: the projection's processor is
 * stopped, its tokens reset (its reset handler empties its tables) and started again, and it replays every event.
 * Until it has caught up, the endpoints {@link ServedFrom} it answer 503 with the progress: nothing is served
 * half-built. Progress counts positions in the event store (global indexes).
 */
@RestController
@Tag(name = "Administration")
public class ProjectionRebuilds {

    @io.swagger.v3.oas.annotations.media.Schema(name = "RebuildState")   // one name per enum in the document
    public enum State { REBUILDING, DONE }

    public record Rebuild(String projection, State state, Instant startedAt, Instant finishedAt, long eventsDone,
                          long eventsTotal, long eventsPerSecond, Long secondsLeft) {
    }

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuilds.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final List<DirectReplay> directReplays;
    private final StoreReplay storeReplay;
    private final Map<String, Progress> rebuilds = new ConcurrentHashMap<>();
    private final ExecutorService worker = AdminJobs.worker("projection-rebuild");

    public ProjectionRebuilds(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                              List<DirectReplay> directReplays, StoreReplay storeReplay) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.directReplays = directReplays;
        this.storeReplay = storeReplay;
    }

    /** Starts a rebuild (202), or answers the one in progress (409). */
    @PostMapping("/api/admin/projections/{projection}/rebuild")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "202", description = "Started")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "503", description = "The processor did not "
            + "stop in time; nothing was reset", content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "application/problem+json",
            schema = @io.swagger.v3.oas.annotations.media.Schema(ref = "#/components/schemas/Problem")))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "409", description = "A rebuild is running: "
            + "its progress; or refused while events are parked (problem)", content = {
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Rebuild.class)),
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/problem+json",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(ref = "#/components/schemas/Problem"))})
    public ResponseEntity<Rebuild> rebuild(@PathVariable String projection) {
        StreamingEventProcessor processor = processing.eventProcessor(projection, StreamingEventProcessor.class)
                .filter(StreamingEventProcessor::supportsReset)
                .orElseThrow(() -> new UnknownItem("projection that can be rebuilt", projection));
        refuseWhileEventsAreParked(projection);
        Progress progress = new Progress(projection, processor, Now.instant(), head());
        // from here on its endpoints answer "rebuilding"; a rebuild already running stays, and is the answer
        Progress current = rebuilds.compute(projection, (name, earlier) ->
                earlier != null && earlier.rebuild().state() == State.REBUILDING ? earlier : progress);
        if (current != progress) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(current.rebuild());
        }
        processor.shutDown();
        if (!stopped(processor)) {
            rebuilds.remove(projection);
            processor.start();
            throw new ProblemAnswer(HttpStatus.SERVICE_UNAVAILABLE, "The " + projection + " processor did not stop "
                    + "within " + STOP_TIMEOUT.toSeconds() + " s (a batch is still being written); nothing was reset. "
                    + "Try again.");
        }
        processor.resetTokens();
        Optional<DirectReplay> direct = directReplays.stream()
                .filter(candidate -> candidate.processingGroup().equals(projection)).findFirst();
        if (direct.isEmpty()) {
            restart(processor, progress);
        } else {
            worker.execute(() -> replayFromTheStore(direct.get(), processor, progress));
        }
        return ResponseEntity.accepted().body(progress.rebuild());
    }

    /** The store fed to the projection directly; should that fail, its processor replays it (and parks what fails). */
    private void replayFromTheStore(DirectReplay projection, StreamingEventProcessor processor, Progress progress) {
        try {
            storeReplay.replay(projection, progress.eventsTotal, position -> progress.replayedDirectly = position);
        } catch (RuntimeException failed) {
            if (Thread.currentThread().isInterrupted()) {
                return;   // shutting down: the next start goes on from the tokens as they are
            }
            LOG.warn("Rebuild of {} from the store failed; its processor replays it instead", progress.projection,
                    failed);
            progress.replayedDirectly = 0;
            processor.resetTokens();
        }
        restart(processor, progress);
    }

    private static void restart(StreamingEventProcessor processor, Progress progress) {
        processor.start();
        progress.restarted = true;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /**
     * A parked event would keep its aggregate's replayed events waiting behind it (and be applied twice on a retry):
     * its cause is mended first.
     */
    private void refuseWhileEventsAreParked(String projection) {
        Integer parked = jdbc.queryForObject("select count(*) from dead_letter_entry where processing_group = ?",
                Integer.class, projection);
        if (parked != null && parked > 0) {
            throw new RuleViolation("rebuild-without-parked-events", RuleViolation.Kind.STATE, parked + " events of "
                    + projection + " are parked: mend their cause and retry them (POST /api/admin/dead-letters/"
                    + projection + "/retry) before a rebuild, which would queue the replayed events behind them.");
        }
    }

    /** Every rebuild since this process started, the latest first; visible to every role, for the dashboard. */
    @GetMapping("/api/projections/rebuilds")
    public List<Rebuild> rebuilds() {
        return rebuilds.values().stream().map(Progress::rebuild)
                       .sorted(Comparator.comparing(Rebuild::startedAt).reversed()).toList();
    }

    public Optional<Rebuild> rebuilding(String projection) {
        return Optional.ofNullable(rebuilds.get(projection)).map(Progress::rebuild)
                       .filter(rebuild -> rebuild.state() == State.REBUILDING);
    }

    /** Axon gives up waiting for a worker after a few seconds; a reset needs them all gone. */
    private static boolean stopped(StreamingEventProcessor processor) {
        long giveUp = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (!processor.processingStatus().isEmpty() && System.nanoTime() < giveUp) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return processor.processingStatus().isEmpty();
    }

    private long head() {
        Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    /** One rebuild, read from its processor's trackers whenever asked. */
    private final class Progress {
        private final String projection;
        private final StreamingEventProcessor processor;
        private final Instant startedAt;
        private final long eventsTotal;
        private volatile Instant finishedAt;
        /** Until the processor runs again, its trackers still show where it stood before the reset. */
        private volatile boolean restarted;
        /** The position a direct replay from the store has reached. */
        private volatile long replayedDirectly;

        Progress(String projection, StreamingEventProcessor processor, Instant startedAt, long eventsTotal) {
            this.projection = projection;
            this.processor = processor;
            this.startedAt = startedAt;
            this.eventsTotal = eventsTotal;
        }

        /**
         * Done when every segment has passed the last event stored when the rebuild began. (Axon's replay flag is
         * no help: it stays up until an event after the reset point arrives.)
         */
        Rebuild rebuild() {
            Instant now = Now.instant();
            Collection<EventTrackerStatus> segments = restarted ? processor.processingStatus().values() : List.of();
            long done = !restarted ? replayedDirectly : segments.isEmpty() ? 0 : Math.min(eventsTotal,
                    segments.stream().mapToLong(segment -> segment.getCurrentPosition().orElse(0)).min().orElse(0));
            if (finishedAt == null && done == eventsTotal && segments.size() == segmentCount(projection)) {
                finishedAt = now;
            }
            boolean finished = finishedAt != null;
            long reached = finished ? eventsTotal : done;
            AdminJobs.Pace pace = AdminJobs.pace(reached, eventsTotal, startedAt, finished ? finishedAt : now,
                    finished);
            return new Rebuild(projection, finished ? State.DONE : State.REBUILDING, startedAt, finishedAt, reached,
                    eventsTotal, pace.eventsPerSecond(), pace.secondsLeft());
        }
    }

    private int segmentCount(String projection) {
        Integer segments = jdbc.queryForObject("select count(*) from token_entry where processor_name = ?",
                Integer.class, projection);
        return segments == null ? 0 : segments;
    }
}
