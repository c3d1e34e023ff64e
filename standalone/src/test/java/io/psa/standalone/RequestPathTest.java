package io.psa.standalone;

import io.micrometer.core.instrument.MeterRegistry;
import io.psa.command.ticket.TicketCommandController;
import io.psa.platform.axon.CommandTargets;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.converter.xml.Jaxb2RootElementHttpMessageConverter;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a request passes through before its controller, kept to what it needs: each part removed here cost a few
 * percent of a command's CPU (see docs/performance.md), and none of them is visible in an answer.
 */
class RequestPathTest extends ApiTest {
    @Autowired
    ApplicationContext context;
    @Autowired
    MeterRegistry meters;
    @Autowired
    org.axonframework.config.Configuration axon;

    @Test
    void theSecurityFilterChainIsNotWrappedInAHandlerMappingLookup() {
        FilterChainProxy chain = context.getBean("springSecurityFilterChain", FilterChainProxy.class);
        // the wrapper is a class of Spring Security's (not public) that adds Spring MVC's handler-mapping cache filter
        assertThat(chain.getClass().getName()).doesNotContain("WebMvcSecurityConfiguration");
        assertThat(chain.getFilterChains()).as("the portal's chain and the API's").hasSize(2);
        assertThat(api.as("no-such-token").get("/api/companies").status()).isEqualTo(401);
    }

    @Test
    void requestsAreTimedWithoutObservingEverySecurityFilter() {
        api.get("/api/companies");
        assertThat(meters.find("http.server.requests").tag("uri", "/api/companies").timer()).isNotNull();
        assertThat(meters.find("http.server.requests.active").longTaskTimer()).isNull();
        assertThat(meters.getMeters()).noneMatch(meter -> meter.getId().getName().startsWith("spring.security"));
    }

    @Test
    void controllersAreFoundByTheMappingThatPassesOverOtherPathsAtOnce() {
        assertThat(context.getBean("requestMappingHandlerMapping").getClass().getSimpleName())
                .isEqualTo("PathFirstMappings");
    }

    @Test
    void answersAreNotOfferedToAnXmlConverter() {
        assertThat(context.getBean(RequestMappingHandlerAdapter.class).getMessageConverters())
                .noneMatch(Jaxb2RootElementHttpMessageConverter.class::isInstance);
    }

    @Test
    void commandsFindTheirAggregateByWhatWasFoundOncePerCommandClass() {
        assertThat(axon.getComponent(CommandTargetResolver.class)).isInstanceOf(CommandTargets.class);
    }

    @Test
    void controllersAreValidatedBySpringMvcNotByAProxyThatValidatesAgain() {
        assertThat(AopUtils.isAopProxy(context.getBean(TicketCommandController.class))).isFalse();
    }
}
