package io.psa.platform.axon.rebuild;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Optional;

/** Answers "rebuilding" (503) for an endpoint {@link ServedFrom} a projection while that projection is rebuilt. */
@Configuration
public class RebuildingEndpoints implements HandlerInterceptor, WebMvcConfigurer {
    private final ProjectionRebuilds rebuilds;

    public RebuildingEndpoints(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            ServedFrom servedFrom = Optional.ofNullable(method.getMethodAnnotation(ServedFrom.class))
                    .orElseGet(() -> method.getBeanType().getAnnotation(ServedFrom.class));
            for (String projection : servedFrom == null ? new String[0] : servedFrom.value()) {
                rebuilds.rebuilding(projection).ifPresent(rebuild -> {
                    throw new ProjectionRebuilding(rebuild);
                });
            }
        }
        return true;
    }
}
