package io.psa.command.outsourcing;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * How many feed requests may wait for new facts at once: {@value #PER_AGREEMENT} per agreement (a partner runs one
 * reader) and {@value #OVERALL} in all, well below the server's 200 request threads. A request beyond either answers
 * at once with what there is and {@code Retry-After} (a short poll the reader should not repeat at once), so waiting
 * partners never take the threads the API needs.
 */
@Component
public class LongPolls {
    static final int OVERALL = 64;
    /** Seconds a reader that could not wait should let pass before it asks again. */
    static final int RETRY_AFTER_SECONDS = 2;
    static final int PER_AGREEMENT = 2;

    /** A place to wait, given back when the request is answered. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final Semaphore overall = new Semaphore(OVERALL);
    private final Map<String, Semaphore> perAgreement = new ConcurrentHashMap<>();

    /** A slot to wait in for this agreement, or null when there is none free (then the request does not wait). */
    Slot tryWait(String agreementId) {
        Semaphore agreement = perAgreement.computeIfAbsent(agreementId, id -> new Semaphore(PER_AGREEMENT));
        if (!agreement.tryAcquire()) {
            return null;
        }
        if (!overall.tryAcquire()) {
            agreement.release();
            return null;
        }
        return () -> {
            overall.release();
            agreement.release();
        };
    }
}
