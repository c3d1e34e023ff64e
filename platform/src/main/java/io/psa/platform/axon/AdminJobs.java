package io.psa.platform.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** What the long admin jobs over the event store (a rebuild, a chain verification) share. */
public final class AdminJobs {
    private AdminJobs() {
    }

    /** How fast a job goes and how long it has left ({@code null} while it has done nothing to judge by). */
    public record Pace(long eventsPerSecond, Long secondsLeft) {
    }

    /** The pace of {@code done} of {@code total} events from {@code startedAt} until {@code until}. */
    public static Pace pace(long done, long total, Instant startedAt, Instant until, boolean finished) {
        long rate = done * 1000 / Math.max(1, Duration.between(startedAt, until).toMillis());
        return new Pace(rate, finished ? Long.valueOf(0) : rate == 0 ? null : Math.max(0, total - done) / rate);
    }

    /** One daemon thread of its own, so that a job never holds up the requests or the shutdown. */
    public static ExecutorService worker(String threadName) {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }
}
