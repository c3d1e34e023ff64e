package io.psa.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person in the subcontractor portal, as a browser without JavaScript: a cookie jar, forms posted with the CSRF
 * token of the page they come from, redirects not followed (so a test sees where they lead).
 */
final class PortalSession {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    PortalSession(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Posts the form fields with the CSRF token of the page at {@code formPage}. */
    HttpResponse<String> post(String formPage, String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf(get(formPage).body()));
        return postRaw(path, all);
    }

    HttpResponse<String> postRaw(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static final String PASSWORD = "correct horse battery staple";

    /**
     * As the lead: invites a subcontractor (fee 7.50); then as its contact: sets the password by the invitation's
     * link (the agreement turns ACTIVE) and signs in. Answers the agreement's id.
     */
    String join(io.psa.platform.test.ApiClient lead, String name, String email, String language) {
        io.psa.platform.test.ApiClient.Response invited = lead.post("/api/partners/invitations", Map.of("kind",
                "SUBCONTRACTOR", "name", name, "email", email, "language", language, "feePerAcceptance", 7.5));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        assertThat(lead.get("/api/partners/" + invited.id()).json().path("state").asText()).isEqualTo("INVITED");
        String link = invited.json().path("passwordLink").asText();
        HttpResponse<String> set = post(link.substring(link.indexOf("/portal/")), "/portal/password", Map.of("code",
                link.substring(link.indexOf("code=") + 5), "password", PASSWORD, "repeated", PASSWORD));
        assertThat(set.headers().firstValue("Location").orElse("")).endsWith("/portal/login?ready");
        assertThat(lead.get("/api/partners/" + invited.id()).json().path("state").asText()).isEqualTo("ACTIVE");
        assertThat(signIn(email, PASSWORD)).endsWith("/portal/");
        return invited.id();
    }

    /** Signs in; answers where the sign-in led. */
    String signIn(String email, String password) {
        return post("/portal/login", "/portal/login", Map.of("username", email, "password", password)).headers()
                .firstValue("Location").orElse("");
    }

    HttpResponse<String> withCookie(String path, String cookie) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).GET());
    }

    String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                      .map(c -> c.getName() + "=" + c.getValue()).findFirst().orElseThrow();
    }

    static String csrf(String html) {
        Matcher token = CSRF.matcher(html);
        if (!token.find()) {
            throw new AssertionError("no CSRF token in the page: " + html);
        }
        return token.group(1);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
