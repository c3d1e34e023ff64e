package io.psa.query.report;

import io.psa.platform.Now;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells open dashboards, by server-sent events, that the profitability figures changed. On shutdown it ends the open
 * streams first (it stops before the web server's graceful shutdown, which would otherwise wait for them).
 */
@Component
public class ProfitabilityUpdates implements SmartLifecycle {
    private static final long HALF_AN_HOUR = Duration.ofMinutes(30).toMillis();

    private final List<SseEmitter> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        listeners.forEach(SseEmitter::complete);
        listeners.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    public SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(HALF_AN_HOUR);
        listeners.add(emitter);
        emitter.onCompletion(() -> listeners.remove(emitter));
        emitter.onTimeout(() -> listeners.remove(emitter));
        emitter.onError(e -> listeners.remove(emitter));
        send(emitter, "subscribed");
        return emitter;
    }

    /** Called once a batch of profitability changes is committed. */
    public void changed() {
        listeners.forEach(emitter -> send(emitter, "changed"));
    }

    private void send(SseEmitter emitter, String name) {
        try {
            emitter.send(SseEmitter.event().name(name).data(Now.instant().toString()));
        } catch (IOException | IllegalStateException gone) {
            listeners.remove(emitter);
        }
    }
}
