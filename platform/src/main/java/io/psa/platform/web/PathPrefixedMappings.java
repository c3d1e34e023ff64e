package io.psa.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spring MVC's mapping of requests to controller methods, which for a path with an id tries every one of the API's
 * hundred-odd mappings in turn, each asking the request (through its wrappers) for its method, headers and path: 6%
 * of a command's CPU (JFR). This one first passes over, without asking the request anything, the mappings none of
 * whose paths starts with what the request's path starts with: the literal text before the pattern's first variable
 * or wildcard. A path that is percent-encoded (the patterns match its segments decoded, so its text may start
 * otherwise) is tried against every mapping, as before; parameters ({@code ;name=value}) are gone from the path
 * looked up.
 */
class PathPrefixedMappings extends RequestMappingHandlerMapping {
    /** The path of the request being looked up on this thread, in the form the patterns are matched against. */
    private static final ThreadLocal<String> LOOKUP_PATH = new ThreadLocal<>();
    /** Per mapping, the literal start of each of its paths, found the first time it is tried. */
    private final Map<RequestMappingInfo, String[]> literalStarts = new ConcurrentHashMap<>();

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        LOOKUP_PATH.set(lookupPath.indexOf('%') < 0 ? lookupPath : null);
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            LOOKUP_PATH.remove();
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        String path = LOOKUP_PATH.get();
        if (path != null
            && !startsLikeAny(path, literalStarts.computeIfAbsent(info, PathPrefixedMappings::literalStarts))) {
            return null;
        }
        return super.getMatchingMapping(info, request);
    }

    private static boolean startsLikeAny(String path, String[] starts) {
        for (String start : starts) {
            if (path.startsWith(start)) {
                return true;
            }
        }
        return false;
    }

    /** What each of the mapping's paths starts with for sure; without path patterns, anything. */
    private static String[] literalStarts(RequestMappingInfo info) {
        PathPatternsRequestCondition paths = info.getPathPatternsCondition();
        return paths == null ? new String[]{""} : paths.getPatterns().stream()
                .map(pattern -> literalStart(pattern.getPatternString())).toArray(String[]::new);
    }

    private static String literalStart(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' || c == '*' || c == '?') {
                return pattern.substring(0, i);
            }
        }
        return pattern;
    }
}
