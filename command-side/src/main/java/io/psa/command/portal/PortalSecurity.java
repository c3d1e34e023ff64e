package io.psa.command.portal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The portal's own security, apart from the API's bearer tokens: people sign in with e-mail address and password
 * (form login, a session cookie, CSRF tokens in every form, passwords under Spring Security's standard encoder).
 * It covers {@code /portal/**} only; the API's chain never reads a session, so a portal session reaches nothing
 * else.
 */
@Configuration
public class PortalSecurity {

    @Bean
    public PasswordEncoder portalPasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    public SecurityFilterChain portalSecurityChain(HttpSecurity http, PortalAccounts accounts) throws Exception {
        return http
                .securityMatcher("/portal/**")
                .userDetailsService(accounts)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/portal/login", "/portal/password").permitAll()
                        .anyRequest().hasRole("SUBCONTRACTOR"))
                .formLogin(form -> form.loginPage("/portal/login").defaultSuccessUrl("/portal/", true)
                                       .failureUrl("/portal/login?error").permitAll())
                .logout(logout -> logout.logoutUrl("/portal/logout").logoutSuccessUrl("/portal/login?logout")
                                        .deleteCookies("JSESSIONID"))
                .build();
    }
}
