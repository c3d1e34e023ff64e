package io.psa.standalone;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A vendor's webhook endpoint on loopback: records every call; the first {@code failures} calls answer 503. */
final class WebhookReceiver implements AutoCloseable {
    record Call(Map<String, List<String>> headers, byte[] body, int answered) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                          .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures;
    private final HttpServer server;

    static WebhookReceiver failingFirst(int failing) {
        try {
            return new WebhookReceiver(failing);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WebhookReceiver(int failing) throws IOException {
        this.failures = new AtomicInteger(failing);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = failures.getAndDecrement() > 0 ? 503 : 204;
                calls.add(new Call(Map.copyOf(exchange.getRequestHeaders()), body, status));
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Call> delivered() {
        return calls.stream().filter(call -> call.answered() == 204).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
