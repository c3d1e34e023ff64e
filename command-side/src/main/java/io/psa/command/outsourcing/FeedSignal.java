package io.psa.command.outsourcing;

import org.springframework.stereotype.Component;

/** Wakes the long-polling feed readers of this process when the partner feed committed new facts. */
@Component
public class FeedSignal {
    private long published;

    synchronized void published() {
        published++;
        notifyAll();
    }

    synchronized long current() {
        return published;
    }

    /** Waits until something is published after {@code seen}, or at most {@code millis}. */
    synchronized void awaitAfter(long seen, long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        while (published == seen) {
            long left = until - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }
}
