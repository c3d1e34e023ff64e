package io.psa.api.rule;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A named business rule over a subject, with the reason a person reads when it refuses.
 *
 * @param name   stable rule name, reported to clients
 * @param kind   whether a refusal is about state (409) or about the values asked for (422)
 * @param allows true when the subject satisfies the rule
 * @param reason the readable reason, built from the refused subject
 */
public record Policy<T>(String name, RuleViolation.Kind kind, Predicate<T> allows, Function<T, String> reason) {

    public static <T> Policy<T> stateRule(String name, Predicate<T> allows, Function<T, String> reason) {
        return new Policy<>(name, RuleViolation.Kind.STATE, allows, reason);
    }

    public static <T> Policy<T> valueRule(String name, Predicate<T> allows, Function<T, String> reason) {
        return new Policy<>(name, RuleViolation.Kind.VALUE, allows, reason);
    }

    public void check(T subject) {
        if (!allows.test(subject)) {
            throw new RuleViolation(name, kind, reason.apply(subject));
        }
    }
}
