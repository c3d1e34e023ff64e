package io.psa.benchmark;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's HTTP client: Apache HttpClient's blocking client over a pool of kept-alive connections, which costs
 * the machine a fraction of what the JDK's client did per request (the driver shares the cores it measures).
 */
final class Driver implements AutoCloseable {
    /** A request's status and body. */
    record Answer(int statusCode, String body) {
    }

    private final CloseableHttpClient client;
    private final String token;

    Driver(int connections, String token) {
        this.token = token;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections * 2).setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(5)).setSocketTimeout(Timeout.ofMinutes(5)).build())
                        .build())
                .disableCookieManagement()
                .build();
    }

    /** A JSON request with the benchmark's admin token (no body: {@code body} null). */
    Answer send(String base, String method, String path, String body) {
        HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(base + path));
        request.setHeader("Authorization", "Bearer " + token);
        if (body != null) {
            request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        }
        try {
            return client.execute(request, response -> new Answer(response.getCode(), response.getEntity() == null
                    ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base + path + " failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
