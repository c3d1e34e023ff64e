package io.psa.standalone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.psa.platform.test.ApiClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A hostile or faulty partner instance on loopback, speaking the sync protocol as it likes: it accepts invitations
 * (or refuses them with a body that must never be passed on), serves the feed facts a test gives it, and answers
 * every file request with {@value #FILE_BYTES} bytes, whatever size its facts declared.
 */
final class FakePartner implements AutoCloseable {
    static final String BANNER = "SECRET-INTERNAL-BANNER";
    static final int FILE_BYTES = 30 * 1024 * 1024;

    /** The feed: each entry as the JSON text the fake sends, at position index + 1. */
    private final List<String> facts = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    FakePartner() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds a fact at the next position (with a fact id of its own unless it has one). */
    void share(Map<String, Object> fact) {
        Map<String, Object> positioned = new java.util.LinkedHashMap<>(fact);
        positioned.putIfAbsent("factId", java.util.UUID.randomUUID().toString());
        try {
            shareRaw(ApiClient.JSON.writeValueAsString(positioned));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds the JSON object text as it is, with the next position put first; {@code null} adds a null entry. */
    void shareRaw(String object) {
        facts.add(object == null ? "null" : "{\"position\":" + (facts.size() + 1) + "," + object.substring(1));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (path.equals("/sync/v1/invitations/acceptance")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (body.contains("\"banner\"")) {
                    answer(exchange, 500, BANNER + " at /internal/admin");
                } else if (body.contains("\"refused\"")) {
                    answer(exchange, 422, "{\"rule\":\"made-up\",\"detail\":\"" + BANNER + "\"}");
                } else {
                    answer(exchange, 200, "{\"agreementId\":\"fake-agreement\",\"name\":\"Fake lead\","
                                          + "\"language\":\"en\",\"credential\":\"fake-credential\"}");
                }
            } else if (path.endsWith("/events")) {
                int after = Integer.parseInt(query(exchange, "after"));
                List<String> page = after < facts.size() ? facts.subList(after, facts.size()) : List.of();
                if (page.isEmpty()) {
                    sleep(200);
                }
                answer(exchange, 200, "{\"facts\":[" + String.join(",", page) + "],\"head\":" + facts.size() + "}");
            } else if (path.contains("/files/")) {
                exchange.sendResponseHeaders(200, 0);
                byte[] chunk = new byte[64 * 1024];
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int sent = 0; sent < FILE_BYTES; sent += chunk.length) {
                        out.write(chunk);
                    }
                } catch (IOException readerHungUp) {
                    // the reader stopped at the size the fact declared
                }
            } else {
                answer(exchange, 404, BANNER);
            }
        }
    }

    private static String query(HttpExchange exchange, String name) {
        for (String pair : exchange.getRequestURI().getQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return "0";
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
