package io.psa.platform.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.psa.platform.ExactDecimals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Talks to a running instance over real HTTP, as a PSA client would. */
public class ApiClient {
    /** Reads amounts exactly, as a client that bills must: 12.50 stays 12.50. */
    public static final ObjectMapper JSON =
            ExactDecimals.configure(JsonMapper.builder().addModule(new JavaTimeModule()).build());

    public record Response(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
        public JsonNode json() {
            try {
                return bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
            }
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The id a creating command answered with. */
        public String id() {
            return json().get("id").asText();
        }

        @Override
        public String toString() {
            return status + " " + new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Sees every exchange: the method, the path with its query, the request's media type and body, the answer. */
    public interface Observer {
        void exchanged(String method, String pathAndQuery, String contentType, byte[] body, Response response);
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;
    private final Observer observer;

    public ApiClient(String baseUrl, String token) {
        this(baseUrl, token, null);
    }

    private ApiClient(String baseUrl, String token, Observer observer) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.observer = observer;
    }

    public ApiClient observedBy(Observer observer) {
        return new ApiClient(baseUrl, token, observer);
    }

    public ApiClient(int port) {
        this("http://127.0.0.1:" + port, PostgresTest.ADMIN_TOKEN);
    }

    public ApiClient as(String otherToken) {
        return new ApiClient(baseUrl, otherToken, observer);
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET(), "GET", path, null, null);
    }

    public Response post(String path, Object body, String... headers) {
        return sendJson(request(path, headers), "POST", path, body);
    }

    public Response put(String path, Object body) {
        return sendJson(request(path), "PUT", path, body);
    }

    public Response delete(String path) {
        return send(request(path).DELETE(), "DELETE", path, null, null);
    }

    /** A multipart/form-data POST with one file part and plain fields. */
    public Response postFile(String path, String fileName, byte[] content, Map<String, String> fields,
                             String... headers) {
        return postFile(path, fileName, "application/octet-stream", content, fields, headers);
    }

    /** The same, with the file part's media type as given. */
    public Response postFile(String path, String fileName, String contentType, byte[] content,
                             Map<String, String> fields, String... headers) {
        String boundary = "----psa" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> parts = new ArrayList<>();
        fields.forEach((name, value) -> parts.add("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                                                  + "\"\r\n\r\n" + value + "\r\n"));
        parts.forEach(part -> body.writeBytes(part.getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                         + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String multipart = "multipart/form-data; boundary=" + boundary;
        return send(request(path, headers).header("Content-Type", multipart)
                                          .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), "POST",
                path, multipart, body.toByteArray());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Response sendJson(HttpRequest.Builder builder, String method, String path, Object body) {
        try {
            byte[] text = (body instanceof String raw ? raw : JSON.writeValueAsString(body))
                    .getBytes(StandardCharsets.UTF_8);
            return send(builder.header("Content-Type", "application/json")
                               .method(method, HttpRequest.BodyPublishers.ofByteArray(text)), method, path,
                    "application/json", text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Response send(HttpRequest.Builder builder, String method, String path, String contentType, byte[] body) {
        try {
            HttpResponse<byte[]> sent = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Response response = new Response(sent.statusCode(), sent.headers(), sent.body());
            if (observer != null) {
                observer.exchanged(method, path, contentType, body, response);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
