package io.psa.platform.axon.chain;

import io.psa.platform.Now;
import io.psa.platform.axon.AdminJobs;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The whole-store verification, an admin job: one pass over every stored event recomputing every aggregate's hash
 * chain, with its progress while it runs and the broken chains it found. One run at a time, per process.
 */
@RestController
@RequestMapping("/api/admin/event-chain/verification")
@Tag(name = "Administration")
public class EventChainAudit {
    /** The broken chains a run lists in full; beyond them it counts. */
    static final int LISTED_BROKEN_CHAINS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(EventChainAudit.class);

    @io.swagger.v3.oas.annotations.media.Schema(name = "VerificationState")   // one name per enum in the document
    public enum State { NOT_STARTED, RUNNING, DONE, FAILED }

    public record Run(State state, Instant startedAt, Instant finishedAt, long eventsTotal, long eventsChecked,
                      long aggregatesChecked, long eventsPerSecond, Long secondsLeft, long brokenChains,
                      List<ChainVerification> broken, String failure) {
    }

    private final EventChainVerifier verifier;
    private final ExecutorService worker = AdminJobs.worker("event-chain-audit");
    private Progress progress;

    public EventChainAudit(EventChainVerifier verifier) {
        this.verifier = verifier;
    }

    /** Starts a run (202), or answers the run in progress (409). */
    @PostMapping
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "202", description = "Started")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "409", description = "A verification is "
            + "running: its progress", content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(
            implementation = Run.class)))
    public synchronized ResponseEntity<Run> start() {
        if (progress != null && progress.state == State.RUNNING) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(progress.run(Now.instant()));
        }
        Progress run = new Progress(Now.instant(), verifier.storedEvents());
        progress = run;
        worker.execute(() -> run.perform(verifier));
        return ResponseEntity.accepted().body(run.run(Now.instant()));
    }

    @GetMapping
    public synchronized Run status() {
        return progress == null ? new Run(State.NOT_STARTED, null, null, 0, 0, 0, 0, null, 0, List.of(), null)
                : progress.run(Now.instant());
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** One run's counters, written by the worker and read by requests. */
    private static final class Progress {
        private final Instant startedAt;
        private final long eventsTotal;
        private final List<ChainVerification> broken = new ArrayList<>();
        private volatile State state = State.RUNNING;
        private volatile Instant finishedAt;
        private volatile long eventsChecked;
        private volatile long aggregatesChecked;
        private volatile long brokenChains;
        private volatile String failure;

        Progress(Instant startedAt, long eventsTotal) {
            this.startedAt = startedAt;
            this.eventsTotal = eventsTotal;
        }

        void perform(EventChainVerifier verifier) {
            try {
                verifier.verifyAll(this::record);
                state = State.DONE;
            } catch (RuntimeException e) {
                LOG.error("The event chain verification failed", e);
                failure = "The verification stopped: " + e.getClass().getSimpleName();
                state = State.FAILED;
            }
            finishedAt = Now.instant();
        }

        private void record(ChainVerification chain) {
            eventsChecked += chain.events();
            aggregatesChecked++;
            if (chain.status() == ChainVerification.Status.BROKEN) {
                brokenChains++;
                synchronized (broken) {
                    if (broken.size() < LISTED_BROKEN_CHAINS) {
                        broken.add(chain);
                    }
                }
            }
        }

        Run run(Instant now) {
            AdminJobs.Pace pace = AdminJobs.pace(eventsChecked, eventsTotal, startedAt,
                    finishedAt == null ? now : finishedAt, state != State.RUNNING);
            List<ChainVerification> listed;
            synchronized (broken) {
                listed = List.copyOf(broken);
            }
            return new Run(state, startedAt, finishedAt, eventsTotal, eventsChecked, aggregatesChecked,
                    pace.eventsPerSecond(), pace.secondsLeft(), brokenChains, listed, failure);
        }
    }
}
