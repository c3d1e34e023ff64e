package io.psa.platform.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link PostgresTest} subclass: run the same tests on the standalone default instead, the embedded H2 file, in
 * a data directory of the class's own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface OnEmbeddedDefault {
}
