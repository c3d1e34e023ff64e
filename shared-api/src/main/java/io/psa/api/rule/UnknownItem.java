package io.psa.api.rule;

/** A command or query named something that does not exist (404). */
public class UnknownItem extends RuntimeException {
    public UnknownItem(String what, String id) {
        super(what + " " + id + " does not exist");
    }
}
