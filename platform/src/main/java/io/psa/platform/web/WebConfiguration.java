package io.psa.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.psa.platform.PsaProperties;
import io.psa.platform.axon.CommandTransaction;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.http.converter.xml.Jaxb2RootElementHttpMessageConverter;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.List;

@Configuration
@EnableScheduling
public class WebConfiguration implements WebMvcConfigurer {
    private final ObjectMapper json;
    private final PsaProperties properties;

    public WebConfiguration(ObjectMapper json, PsaProperties properties) {
        this.json = json;
        this.properties = properties;
    }

    @Bean
    public WebMvcRegistrations pathFirstMappings() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PathFirstMappings();
            }
        };
    }

    @Bean
    public TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    /** First of all filters: nothing else runs for a request no endpoint accepts. */
    @Bean
    public FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(ProblemResponses problems) {
        FilterRegistrationBean<RequestLimitsFilter> registration = new FilterRegistrationBean<>(
                new RequestLimitsFilter(problems, properties.jsonMaxSize().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    public WriteTurnsFilter.WriteTurns writeTurns(MeterRegistry meters) {
        WriteTurnsFilter.WriteTurns turns = new WriteTurnsFilter.WriteTurns(properties.writeConcurrency(),
                properties.writeQueue());
        Gauge.builder("psa.writes.waiting", turns, WriteTurnsFilter.WriteTurns::waiting)
             .description("API writes waiting for their turn").register(meters);
        return turns;
    }

    /** Runs after Spring Security (an unknown caller takes no turn), before an idempotent request's transaction. */
    @Bean
    public FilterRegistrationBean<WriteTurnsFilter> writeTurnsFilter(WriteTurnsFilter.WriteTurns turns,
                                                                     ProblemResponses problems,
                                                                     MultipartResolver multipartResolver) {
        FilterRegistrationBean<WriteTurnsFilter> registration = new FilterRegistrationBean<>(new WriteTurnsFilter(
                turns, properties.writeWait(), problems, multipartResolver, properties.jsonMaxSize().toBytes()));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** Runs after Spring Security, so an idempotency key belongs to the authenticated user. */
    @Bean
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyRecords records,
                                                                       CommandTransaction transaction,
                                                                       ProblemResponses problems,
                                                                       MultipartResolver multipartResolver) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(new IdempotencyFilter(
                records, transaction, problems, multipartResolver, properties.jsonMaxSize().toBytes()));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /**
     * Request bodies are read strictly (see {@link StrictJson}); the context's own mapper stays as it is. No JAXB
     * converter: the API speaks no XML, and it was asked about every answer (0.5% of a command's CPU, JFR).
     */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(Jaxb2RootElementHttpMessageConverter.class::isInstance);
        converters.replaceAll(converter -> converter.getClass() == MappingJackson2HttpMessageConverter.class
                ? new MappingJackson2HttpMessageConverter(StrictJson.forRequests(json, properties.jsonMaxSize().toBytes()))
                : converter);
    }

    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
