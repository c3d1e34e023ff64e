package io.psa.platform.test;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * Points every {@link PostgresTest} class's Spring context at a fresh schema of its own, or, for an
 * {@link OnEmbeddedDefault} class, at an embedded H2 file in a fresh data directory.
 */
public class SchemaPerTestClass implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configs) {
        if (!AnnotatedElementUtils.hasAnnotation(testClass, PostgresTest.class)) {
            return null;
        }
        return new Customizer(testClass);
    }

    /** One per test class (equality by class), so contexts are never shared between classes. */
    private record Customizer(Class<?> testClass) implements ContextCustomizer {
        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                                     org.springframework.test.context.MergedContextConfiguration config) {
            Map<String, Object> properties = testClass.isAnnotationPresent(OnEmbeddedDefault.class)
                    ? Map.of("psa.admin-token", PostgresTest.ADMIN_TOKEN, "psa.data-dir", temporaryDirectory())
                    : properties(testClass);
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("test-database-" + testClass.getSimpleName(), properties));
        }
    }

    /** The same properties as command-line arguments, which outrank application.yml (for applications a test starts). */
    public static String[] arguments(Class<?> owner, String... more) {
        java.util.stream.Stream<String> database = properties(owner).entrySet().stream()
                                                                     .map(e -> "--" + e.getKey() + "=" + e.getValue());
        return java.util.stream.Stream.concat(database, java.util.Arrays.stream(more)).toArray(String[]::new);
    }

    /** The properties that put a process on a fresh schema: also used for processes a test starts itself. */
    public static Map<String, Object> properties(Class<?> owner) {
        PostgresServer.Database database = PostgresServer.freshSchema(owner.getSimpleName());
        return Map.of(
                "spring.datasource.url", database.url(),
                "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password(),
                "spring.flyway.schemas", database.schema(),
                "spring.datasource.hikari.maximum-pool-size", "8",
                "psa.admin-token", PostgresTest.ADMIN_TOKEN,
                "psa.data-dir", temporaryDirectory());
    }

    private static String temporaryDirectory() {
        try {
            return Files.createTempDirectory("psa-test-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
