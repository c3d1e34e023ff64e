package io.psa.platform.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Spring test on PostgreSQL, in a schema of the test class's own (see {@link PostgresServer}), with the admin
 * token {@value #ADMIN_TOKEN} and a data directory of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
public @interface PostgresTest {
    String ADMIN_TOKEN = "test-admin-token";
}
