package io.psa.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** Authenticates {@code Authorization: Bearer <token>} against the stored token hashes. */
public class BearerTokenFilter extends OncePerRequestFilter {
    private static final String PREFIX = "Bearer ";

    private final ApiUsers users;

    public BearerTokenFilter(ApiUsers users) {
        this.users = users;
    }

    /** The token of an {@code Authorization: Bearer <token>} header; null when there is none. */
    public static String tokenOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String token = authorization.substring(PREFIX.length()).trim();
        return token.isEmpty() ? null : token;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = tokenOf(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token != null) {
            users.findByToken(token).ifPresent(user ->
                    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                            user.name(), null,
                            user.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList())));
        }
        chain.doFilter(request, response);
    }
}
