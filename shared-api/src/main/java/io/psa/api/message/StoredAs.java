package io.psa.api.message;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name an event is stored under, for as long as stores hold it: it does not change when the Java class is
 * renamed or moved (its revision, Axon's {@code @Revision}, says which shape of it is stored). Every event carries
 * both; a change of shape gets a new revision and an upcaster from the old one (see docs/architecture.md).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StoredAs {
    /** {@code <context>.<EventName>}, for instance {@code ticket.NoteAdded}. */
    String value();
}
