package io.psa.platform;

import com.github.benmanes.caffeine.cache.Caffeine;

/** The builder of the system's in-memory caches. */
public final class Caches {
    private Caches() {
    }

    /**
     * A Caffeine builder whose caches do their upkeep (evictions, expiry, the buffers of reads and writes) in the
     * thread that uses them. By default Caffeine hands that to the common fork-join pool after writes: at 16 clients
     * waking its threads took 2.4% of the system's CPU samples, mostly parking and waking (docs/performance.md, step
     * 27), for work of a few microseconds.
     */
    public static Caffeine<Object, Object> inline() {
        return Caffeine.newBuilder().executor(Runnable::run);
    }
}
