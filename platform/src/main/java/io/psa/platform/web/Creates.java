package io.psa.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation answers {@code 201 Created} with a {@code Location} (said for the OpenAPI document, which cannot
 * see it in a {@code ResponseEntity}); {@code orOk}: or {@code 200} when it created nothing (an alert that became a
 * note).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Creates {
    boolean orOk() default false;
}
