package io.psa.platform.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The characters Spring Security's {@link StrictHttpFirewall} allows in header names and values and parameter names,
 * by the same rule as its regular expressions (every code point assigned; none a control character, but a tab in a
 * header value), tested without them: the firewall tests a header each time it is read, and its patterns took 7% of
 * a request thread's CPU.
 */
final class FirewallCharacters {
    private FirewallCharacters() {
    }

    /** A header or parameter name. */
    static boolean allowedInName(String name) {
        return name.codePoints().allMatch(c -> assigned(c) && !control(c));
    }

    static boolean allowedInHeaderValue(String value) {
        return value.codePoints().allMatch(c -> assigned(c) && (!control(c) || c == '\t'));
    }

    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(FirewallCharacters::allowedInName);
        firewall.setAllowedParameterNames(FirewallCharacters::allowedInName);
        firewall.setAllowedHeaderValues(FirewallCharacters::allowedInHeaderValue);
        return firewall;
    }

    private static boolean assigned(int codePoint) {
        return Character.getType(codePoint) != Character.UNASSIGNED;
    }

    private static boolean control(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL;
    }
}
