package io.psa.api.rule;

/**
 * A business rule refused a command. {@code rule} is the rule's stable name (clients may match on it),
 * the message is the reason for a person.
 */
public class RuleViolation extends RuntimeException {
    /** STATE: the current state forbids it (409). VALUE: the request is well-formed but not acceptable (422). */
    public enum Kind { STATE, VALUE }

    private final String rule;
    private final Kind kind;

    public RuleViolation(String rule, Kind kind, String reason) {
        super(reason);
        this.rule = rule;
        this.kind = kind;
    }

    public String rule() {
        return rule;
    }

    public Kind kind() {
        return kind;
    }
}
