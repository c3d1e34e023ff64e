package io.psa.platform.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Requests reach the same controller methods as with Spring MVC's own mapping, which asked every mapping. */
class PathFirstMappingsTest {
    static class Endpoints {
        public void addNote() {
        }

        public void readTicket() {
        }

        public void other() {
        }
    }

    private static final int UNRELATED = 50;
    private final PathFirstMappings mappings = new PathFirstMappings();
    private final Endpoints endpoints = new Endpoints();

    @BeforeEach
    void registered() throws NoSuchMethodException {
        mappings.setApplicationContext(new StaticWebApplicationContext());
        mappings.afterPropertiesSet();
        map("/api/tickets/{ticketId}/notes", RequestMethod.POST, "addNote");
        map("/api/tickets/{ticketId}", RequestMethod.GET, "readTicket");
        for (int i = 0; i < UNRELATED; i++) {
            map("/api/other-" + i + "/{id}", RequestMethod.POST, "other");
        }
    }

    @Test
    void aRequestReachesItsMethodWithoutTheOthersAskingIt() throws Exception {
        CountingRequest request = request("POST", "/api/tickets/t-1/notes");
        assertThat(handler(request)).isEqualTo("addNote");
        assertThat(request.methodAsked).as("the mappings under other paths did not ask for the method")
                .isLessThan(UNRELATED);
    }

    @Test
    void aPercentEncodedPathAndOneWithParametersReachTheirMethodToo() throws Exception {
        assertThat(handler(request("POST", "/api/%74ickets/t-1/notes"))).isEqualTo("addNote");
        assertThat(handler(request("POST", "/api/tickets;v=1/t-1/notes"))).isEqualTo("addNote");
    }

    @Test
    void anUnknownPathFindsNothingAndAKnownOneWithAnotherMethodIsRefused() {
        assertThat(chain(request("POST", "/api/tickets/t-1/unknown"))).isNull();
        assertThat(chain(request("POST", "/api/ticketsx/t-1"))).isNull();
        assertThatThrownBy(() -> mappings.getHandler(request("POST", "/api/tickets/t-1")))
                .isInstanceOf(HttpRequestMethodNotSupportedException.class);
    }

    @Test
    void literalSegmentsPassOverNoPathThatSpringMatches() {
        List<String> patterns = List.of("/api/tickets/{ticketId}/notes", "/api/tickets", "/api/tickets/", "/",
                "/api/{kind}/export", "/files/{*rest}", "/static/**", "/api/t?ckets/{id}", "/api/*/notes",
                "/api/{code:[0-9]{3}}/y", "/api/{a}-{b}/z", "/api/tickets/{id}.json", "/api/{n:[a-z\\/]+}/y");
        List<String> paths = List.of("/api/tickets/t-1/notes", "/api/tickets", "/api/tickets/", "/",
                "/api/contracts/export", "/files/a/b/c", "/static/a/b/x", "/api/tickets/7", "/api/tockets/7",
                "/api/abc/y", "/api/1-2/z", "/api/tickets/7.json", "/api/%74ickets/t-1/notes",
                "/api/tickets;v=1/t-1/notes", "/api/x/notes", "/api//tickets", "/api/TICKETS");
        int passedOver = 0;
        for (String pattern : patterns) {
            PathPattern parsed = PathPatternParser.defaultInstance.parse(pattern);
            PathFirstMappings.LiteralSegments literals = PathFirstMappings.LiteralSegments.of(pattern);
            for (String path : paths) {
                PathContainer container = PathContainer.parsePath(path);
                boolean allowed = literals.allow(PathFirstMappings.LookupPath.segments(container), true);
                assertThat(allowed || !parsed.matches(container)).as(pattern + " matches " + path).isTrue();
                passedOver += allowed ? 0 : 1;
            }
        }
        assertThat(passedOver).as("most pairs are passed over by their literals").isGreaterThan(patterns.size()
                * paths.size() / 2);
    }

    @Test
    void literalsOfRegularExpressionsWildcardsAndCaseInsensitivePatterns() {
        assertThat(PathFirstMappings.LiteralSegments.of("/api/{code:[0-9]{3}}/x").byPosition())
                .containsExactly("api", null, "x");
        assertThat(PathFirstMappings.LiteralSegments.of("/api/**").byPosition()).containsExactly("api");
        assertThat(PathFirstMappings.LiteralSegments.of("/api//x").byPosition()).isEmpty();
        assertThat(PathFirstMappings.LiteralSegments.of("/api/tickets").allow(List.of("API", "Tickets"), false))
                .isTrue();
        assertThat(PathFirstMappings.LiteralSegments.of("/api/tickets").allow(List.of("API", "Tickets"), true))
                .isFalse();
        assertThat(PathFirstMappings.LiteralSegments.of("/api/tickets/{id}/notes").allow(List.of("api", "tickets"),
                true)).as("a path shorter than a literal's position").isFalse();
    }

    private void map(String path, RequestMethod method, String name) throws NoSuchMethodException {
        RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
        options.setPatternParser(PathPatternParser.defaultInstance);
        mappings.registerMapping(RequestMappingInfo.paths(path).methods(method).options(options).build(), endpoints,
                Endpoints.class.getMethod(name));
    }

    private String handler(CountingRequest request) throws Exception {
        return ((HandlerMethod) mappings.getHandler(request).getHandler()).getMethod().getName();
    }

    private HandlerExecutionChain chain(CountingRequest request) {
        try {
            return mappings.getHandler(request);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static CountingRequest request(String method, String path) {
        CountingRequest request = new CountingRequest(method, path);
        ServletRequestPathUtils.parseAndCache(request);
        return request;
    }

    /** Counts how often the request was asked for its method: each mapping tried asks at least once. */
    static class CountingRequest extends MockHttpServletRequest {
        int methodAsked;

        CountingRequest(String method, String path) {
            super(method, path);
        }

        @Override
        public String getMethod() {
            methodAsked++;
            return super.getMethod();
        }
    }
}
