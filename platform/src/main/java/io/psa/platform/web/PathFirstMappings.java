package io.psa.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spring MVC's mapping of requests to controller methods, which for a path with an id tries every one of the API's
 * hundred-odd mappings in turn, each asking the request (through its wrappers) for its method and headers before
 * its path: 6% of a command's CPU (JFR). This one passes over a mapping whose path patterns cannot match without
 * asking the request anything: first by the patterns' literal segments, compared with the request's segments (split
 * once per request), which spares the allocation of a full match per mapping (8% of a command's allocation, JFR);
 * then by matching the remaining patterns as Spring MVC matches them, against the same parsed path. A mapping is
 * only ever passed over when Spring MVC's own matching would refuse it too, so the same mappings remain.
 */
class PathFirstMappings extends RequestMappingHandlerMapping {
    /** The path of the request being looked up on this thread, as the patterns are matched against it. */
    private static final ThreadLocal<LookupPath> LOOKUP_PATH = new ThreadLocal<>();

    /**
     * Each mapping's patterns by their literal segments, worked out once per mapping: by identity, as the mappings'
     * own equality compares all their conditions (a hash map by it cost as much as the matching it spares), and
     * copied on each addition, so that lookups read it without a lock.
     */
    private volatile Map<RequestMappingInfo, List<LiteralSegments>> literals = new IdentityHashMap<>();

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        LOOKUP_PATH.set(ServletRequestPathUtils.hasParsedRequestPath(request)
                ? new LookupPath(ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication(),
                getPatternParser() == null || getPatternParser().isCaseSensitive())
                : null);
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            LOOKUP_PATH.remove();
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        LookupPath path = LOOKUP_PATH.get();
        PathPatternsRequestCondition paths = info.getPathPatternsCondition();
        if (path != null && paths != null && !(literalsAllow(info, paths, path) && anyMatches(paths, path.parsed()))) {
            return null;
        }
        return super.getMatchingMapping(info, request);
    }

    private boolean literalsAllow(RequestMappingInfo info, PathPatternsRequestCondition paths, LookupPath path) {
        List<LiteralSegments> patterns = literals.get(info);
        if (patterns == null) {
            patterns = LiteralSegments.of(paths);
            remember(info, patterns);
        }
        for (LiteralSegments pattern : patterns) {
            if (pattern.allow(path.segments(), path.caseSensitive())) {
                return true;
            }
        }
        return false;
    }

    private synchronized void remember(RequestMappingInfo info, List<LiteralSegments> patterns) {
        Map<RequestMappingInfo, List<LiteralSegments>> more = new IdentityHashMap<>(literals);
        more.put(info, patterns);
        literals = more;
    }

    private static boolean anyMatches(PathPatternsRequestCondition paths, PathContainer path) {
        for (PathPattern pattern : paths.getPatterns()) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A request's path, parsed as Spring MVC matches it, and the values of its segments as literal segments are
     * compared with them (decoded, without parameters; by case when the patterns are).
     */
    record LookupPath(PathContainer parsed, List<String> segments, boolean caseSensitive) {
        LookupPath(PathContainer parsed, boolean caseSensitive) {
            this(parsed, segments(parsed), caseSensitive);
        }

        static List<String> segments(PathContainer path) {
            List<String> values = new ArrayList<>(path.elements().size() / 2 + 1);
            for (PathContainer.Element element : path.elements()) {
                if (element instanceof PathContainer.PathSegment segment) {
                    values.add(segment.valueToMatch());
                }
            }
            return values;
        }
    }

    /**
     * A pattern's literal segments by position ({@code null} where a segment is a variable or wildcard), up to the
     * first element that may span several segments. A path matching the pattern holds each of them at its position,
     * as every other element of the pattern before them matches exactly one segment or separator of the path (a
     * parsed path holds no empty segments; a pattern with one is given no literals, and so is one with an escape,
     * which may hide a separator inside a variable's regular expression).
     */
    record LiteralSegments(String[] byPosition) {
        private static final LiteralSegments ANY = new LiteralSegments(new String[0]);

        static List<LiteralSegments> of(PathPatternsRequestCondition paths) {
            List<LiteralSegments> patterns = new ArrayList<>();
            for (PathPattern pattern : paths.getPatterns()) {
                patterns.add(of(pattern.getPatternString()));
            }
            return patterns;
        }

        static LiteralSegments of(String pattern) {
            if (!pattern.startsWith("/") || pattern.contains("//") || pattern.indexOf('\\') >= 0) {
                return ANY;
            }
            String[] segments = pattern.substring(1).split("/", -1);
            List<String> byPosition = new ArrayList<>();
            for (String each : segments) {
                if (each.contains("**") || each.contains("{*")) {
                    break;
                }
                byPosition.add(each.isEmpty() || each.indexOf('{') >= 0 || each.indexOf('*') >= 0
                        || each.indexOf('?') >= 0 ? null : each);
            }
            return new LiteralSegments(byPosition.toArray(String[]::new));
        }

        boolean allow(List<String> path, boolean caseSensitive) {
            for (int position = 0; position < byPosition.length; position++) {
                String literal = byPosition[position];
                if (literal == null) {
                    continue;
                }
                if (position >= path.size() || !(caseSensitive ? literal.equals(path.get(position))
                        : literal.equalsIgnoreCase(path.get(position)))) {
                    return false;
                }
            }
            return true;
        }
    }
}
