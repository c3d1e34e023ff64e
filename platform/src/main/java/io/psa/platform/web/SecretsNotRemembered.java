package io.psa.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/** Hands the {@link IdempotencyFilter} the answer without its secret, to keep instead of the one sent. */
@RestControllerAdvice
public class SecretsNotRemembered implements ResponseBodyAdvice<Object> {
    private final ObjectMapper json;

    public SecretsNotRemembered(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof OneTimeSecret secret && request instanceof ServletServerHttpRequest servlet) {
            try {
                servlet.getServletRequest().setAttribute(IdempotencyFilter.REMEMBERED_BODY,
                        json.writeValueAsBytes(secret.withoutSecret()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the answer without its secret", e);
            }
        }
        return body;
    }
}
