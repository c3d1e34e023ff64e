package io.psa.platform.web;

import io.psa.api.rule.Limits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Refuses, before anything else runs, what no endpoint accepts: an address longer than {@value #MAX_URL_LENGTH}
 * characters (414), a body other than a multipart upload that declares more than the JSON limit (413; a body that
 * does not declare its length is cut off while it is read), and control characters or broken Unicode in the path or
 * the query (400).
 */
public class RequestLimitsFilter extends OncePerRequestFilter {
    static final int MAX_URL_LENGTH = 2048;
    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private final ProblemResponses problems;
    private final long jsonMaxSize;

    public RequestLimitsFilter(ProblemResponses problems, long jsonMaxSize) {
        this.problems = problems;
        this.jsonMaxSize = jsonMaxSize;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (request.getRequestURI().length() + (query == null ? 0 : query.length() + 1) > MAX_URL_LENGTH) {
            problems.write(response, HttpStatus.URI_TOO_LONG,
                    "The address is longer than " + MAX_URL_LENGTH + " characters.");
            return;
        }
        if (request.getContentLengthLong() > jsonMaxSize && !isMultipart(request)) {
            problems.bodyTooLarge(response, jsonMaxSize);
            return;
        }
        if (!Limits.isPlainText(PATHS.getPathWithinApplication(request)) || !isPlainQuery(query)) {
            problems.write(response, HttpStatus.BAD_REQUEST, "The address holds a control character or broken "
                    + "Unicode; ids and parameters are plain text.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase().startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
    }

    private static boolean isPlainQuery(String query) {
        if (query == null) {
            return true;
        }
        try {
            return Limits.isPlainText(URLDecoder.decode(query, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformedEscape) {
            return false;
        }
    }
}
