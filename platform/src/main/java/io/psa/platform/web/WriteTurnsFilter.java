package io.psa.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartResolver;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Writes to the API (every method but GET, HEAD, OPTIONS and TRACE) take turns: at most as many run at once as
 * {@link WriteTurns} has, the others wait in the order they came, each up to {@code wait}, and are then refused with
 * 503 and {@code Retry-After} (nothing of them ran); when as many wait as may, a write is refused so at once. On a
 * few cores, more writes at once than that bring no more writes per second and starve the projections of CPU, so
 * the read models fall behind (see docs/performance.md). A request's body is read whole before it waits for its
 * turn: a client that sends slowly holds none, and its answer is sent whole when it ends ({@link WholeAnswer}). Reads
 * take no turn (a long poll waits without one), and neither do {@link AdminOperations}.
 */
public class WriteTurnsFilter extends OncePerRequestFilter {
    static final int RETRY_AFTER_SECONDS = 1;

    private final WriteTurns turns;
    private final Duration wait;
    private final ProblemResponses problems;
    private final MultipartResolver multipartResolver;
    private final long jsonMaxSize;

    public WriteTurnsFilter(WriteTurns turns, Duration wait, ProblemResponses problems,
                            MultipartResolver multipartResolver, long jsonMaxSize) {
        this.turns = turns;
        this.wait = wait;
        this.problems = problems;
        this.multipartResolver = multipartResolver;
        this.jsonMaxSize = jsonMaxSize;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isWrite(request.getMethod()) || request.getRequestURI().startsWith(AdminOperations.PATHS);
    }

    static boolean isWrite(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> false;
            default -> true;
        };
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest received = receivedWhole(request);
        if (received == null) {
            problems.bodyTooLarge(response, jsonMaxSize);
            return;
        }
        if (turns.crowded()) {
            refuse(response, "Too many writes are waiting for their turn already");
            return;
        }
        if (!turns.take(wait)) {
            refuse(response, "No turn came for this write within " + wait.toMillis() + " ms");
            return;
        }
        try {
            chain.doFilter(received, new WholeAnswer(response));
        } finally {
            turns.giveBack();
        }
    }

    private void refuse(HttpServletResponse response, String reason) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, reason + "; nothing of it was done. Try again "
                + "after Retry-After.");
    }

    /** The request with its body received; {@code null} when that is longer than a JSON body may be. */
    private HttpServletRequest receivedWhole(HttpServletRequest request) throws IOException {
        if (!multipartResolver.isMultipart(request)) {
            return ReadAhead.read(request, jsonMaxSize);
        }
        try {
            request.getParts();   // the container keeps the parts it read for the application
        } catch (IllegalStateException | ServletException | IOException refused) {
            // the container keeps the failure too, and the application answers it (413 for a file too large, 400
            // for a body cut off)
        }
        return request;
    }

    /** The turns, shared by this process's API writes. */
    public static final class WriteTurns {
        private final Semaphore free;
        private final int mostWaiting;

        /**
         * {@code concurrency} turns (0 for twice the processors this process may use), for which at most
         * {@code mostWaiting} writes wait: each waits on one of the web server's threads, which reads need too.
         */
        public WriteTurns(int concurrency, int mostWaiting) {
            this.free = new Semaphore(concurrency > 0 ? concurrency : 2 * Runtime.getRuntime().availableProcessors(),
                    true);
            this.mostWaiting = mostWaiting;
        }

        /** Whether as many writes wait as may. */
        public boolean crowded() {
            return free.getQueueLength() >= mostWaiting;
        }

        /** Takes a turn, waiting up to {@code wait} for one; false when none came or the thread was interrupted. */
        public boolean take(Duration wait) {
            try {
                return free.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        public void giveBack() {
            free.release();
        }

        /** Writes waiting for a turn now. */
        public int waiting() {
            return free.getQueueLength();
        }
    }
}
