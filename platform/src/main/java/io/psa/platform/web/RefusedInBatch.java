package io.psa.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * A batch of commands is refused as a whole by the problem of the command that was refused: the problem says which
 * command of the batch it was ({@code "command": n}), whatever the handler that wrote it.
 */
@RestControllerAdvice
public class RefusedInBatch implements ResponseBodyAdvice<Object> {
    private static final String REFUSED_COMMAND = RefusedInBatch.class.getName() + ".command";

    /** Marks the request's command {@code index} as the one the batch was refused for. */
    public static void refused(HttpServletRequest request, int index) {
        request.setAttribute(REFUSED_COMMAND, index);
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet
            && servlet.getServletRequest().getAttribute(REFUSED_COMMAND) instanceof Integer index) {
            problem.setProperty("command", index);
        }
        return body;
    }
}
