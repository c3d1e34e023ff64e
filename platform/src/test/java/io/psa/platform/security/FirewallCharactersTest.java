package io.psa.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FirewallCharacters} decides as Spring Security's own patterns do, for every code point and a few strings. */
class FirewallCharactersTest {
    private static final List<String> STRINGS = List.of("", "Bearer abc.def", "a\tb", "a\u0085b", "a\u007fb", "\u0000",
            "caf\u00e9", "\ud83d\ude00", "lone \ud83d surrogate", "\udc00", "unassigned \u0378", "zero\u200bwidth",
            "\u2028", "x".repeat(1000) + "\u0001");

    @Test
    void namesAsSpringSecurityDecides() {
        sameAsSpring(FirewallCharacters::allowedInName, StrictHttpFirewall.ALLOWED_HEADER_NAMES);
        sameAsSpring(FirewallCharacters::allowedInName, StrictHttpFirewall.ALLOWED_PARAMETER_NAMES);
    }

    @Test
    void headerValuesAsSpringSecurityDecides() {
        sameAsSpring(FirewallCharacters::allowedInHeaderValue, StrictHttpFirewall.ALLOWED_HEADER_VALUES);
    }

    private static void sameAsSpring(Predicate<String> ours, Predicate<String> spring) {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String one = Character.toString(codePoint);
            if (ours.test(one) != spring.test(one)) {
                throw new AssertionError("U+" + Integer.toHexString(codePoint) + ": ours " + ours.test(one));
            }
        }
        for (String text : STRINGS) {
            assertThat(ours.test(text)).as(text).isEqualTo(spring.test(text));
        }
    }
}
