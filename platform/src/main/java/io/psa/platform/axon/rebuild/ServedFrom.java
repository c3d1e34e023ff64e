package io.psa.platform.axon.rebuild;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The read models (projections, by processing group) an endpoint answers from. While one of them is rebuilt, the
 * endpoint answers 503 with the rebuild's progress instead of a half-built answer. On a method, it replaces the
 * class's.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ServedFrom {
    String[] value();
}
