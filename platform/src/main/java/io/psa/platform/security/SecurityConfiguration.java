package io.psa.platform.security;

import io.psa.platform.web.ProblemResponses;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

import java.util.List;

@Configuration
public class SecurityConfiguration {
    /** Spring Security's (not public) configuration for Spring MVC, whose nested classes wrap the filter chain. */
    private static final String MVC_SUPPORT =
            "org.springframework.security.config.annotation.web.configuration.WebMvcSecurityConfiguration";
    private static final String[] EVERY_ROLE = {Role.ADMIN.name(), Role.TECHNICIAN.name(), Role.AUDITOR.name(),
            Role.OUTSOURCER.name(), Role.PARTNER_MANAGER.name()};

    /**
     * Paths in the security rules are matched as path patterns, not through Spring MVC's handler mappings (which
     * looked every request up once more, before the dispatcher did, for a sixth of a request's CPU).
     */
    @Bean
    public static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * Spring Security wraps its filter chain in Spring MVC's handler-mapping cache filter when Spring MVC is present:
     * it looks every request up in the handler mappings before the dispatcher does, for MVC request matchers and
     * CORS, neither of which is used here (the rules are path patterns). That lookup cost 4% of a command's CPU; this
     * puts the chain back in place of the wrapper, once every other definition has been registered.
     */
    @Bean
    public static BeanFactoryPostProcessor withoutHandlerMappingLookup() {
        return beanFactory -> {
            BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beanFactory;
            String name = AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME;
            if (!registry.containsBeanDefinition(name)) {
                return;
            }
            BeanDefinition wrapper = registry.getBeanDefinition(name);
            ValueHolder filters = wrapper.getConstructorArgumentValues().getIndexedArgumentValue(0, List.class);
            // only the wrapper of Spring Security's MVC support, whose filters are [the cache filter, the chain]
            if (String.valueOf(wrapper.getBeanClassName()).startsWith(MVC_SUPPORT) && filters != null
                && filters.getValue() instanceof List<?> list && list.size() == 2
                && list.get(1) instanceof BeanDefinition chain
                && !String.valueOf(chain.getBeanClassName()).startsWith(MVC_SUPPORT)) {
                registry.removeBeanDefinition(name);
                registry.registerBeanDefinition(name, chain);
            }
        };
    }

    /** Spring Security's strict firewall, its character checks without regular expressions. */
    @Bean
    public WebSecurityCustomizer firewall() {
        return web -> web.httpFirewall(FirewallCharacters.firewall());
    }

    /** No observation per security filter per request (request metrics stay): the wrapping alone cost 1-5%. */
    @Bean
    public SecurityObservationSettings withoutSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ApiUsers users, ProblemResponses problems) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // never a session: a portal session cookie authenticates nothing here
                .securityContext(context -> context.securityContextRepository(
                        new RequestAttributeSecurityContextRepository()))
                .addFilterBefore(new BearerTokenFilter(users), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // metrics name agreements and partner addresses: /actuator/prometheus is for admins only
                        .requestMatchers("/actuator/health/**", "/v3/api-docs/**",
                                "/swagger-ui/**", "/swagger-ui.html", "/error", "/dashboard/**").permitAll()
                        // partner instances present their agreement's credential, checked by the sync API itself
                        .requestMatchers("/sync/v1/**").permitAll()
                        .requestMatchers("/api/instance", "/api/outsourcing/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/partners/**").hasAnyRole(Role.ADMIN.name(), Role.PARTNER_MANAGER.name())
                        .requestMatchers(HttpMethod.POST, "/api/tickets/*/outsourcing", "/api/tickets/*/outsourcing/*")
                        .hasAnyRole(Role.ADMIN.name(), Role.OUTSOURCER.name())
                        .requestMatchers("/api/users/**", "/api/admin/**", "/actuator/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(EVERY_ROLE)
                        .requestMatchers("/api/**").hasAnyRole(Role.ADMIN.name(), Role.TECHNICIAN.name())
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> problems.write(response,
                                HttpStatus.UNAUTHORIZED, "A valid bearer token is required (Authorization: Bearer <token>)."))
                        .accessDeniedHandler((request, response, e) -> problems.write(response,
                                HttpStatus.FORBIDDEN, "Your role does not allow this request.")))
                .build();
    }
}
