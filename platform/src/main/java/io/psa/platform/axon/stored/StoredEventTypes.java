package io.psa.platform.axon.stored;

import io.psa.api.message.StoredAs;
import org.axonframework.serialization.Revision;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The stored names of the events (found by their {@link StoredAs} under {@code io.psa.api}): which class a stored name
 * means today, which name and revision a class is stored under, and which name a class name stood for in stores
 * written before the names existed.
 */
public final class StoredEventTypes {
    /** The package whose events have stored names. */
    public static final String EVENTS_PACKAGE = "io.psa.api";

    private final Map<String, Class<?>> byName = new TreeMap<>();
    private final Map<String, String> nameOfLegacyType = new HashMap<>();

    public StoredEventTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(StoredAs.class));
        for (BeanDefinition definition : scanner.findCandidateComponents(EVENTS_PACKAGE)) {
            Class<?> type = load(definition.getBeanClassName());
            String name = type.getAnnotation(StoredAs.class).value();
            if (byName.put(name, type) != null) {
                throw new IllegalStateException("two events are stored as " + name);
            }
            if (type.getAnnotation(Revision.class) == null) {
                throw new IllegalStateException(type.getName() + " is stored as " + name + " without a @Revision");
            }
            nameOfLegacyType.put(type.getName(), name);
        }
    }

    /** Every event class with a stored name, ordered by that name. */
    public List<Class<?>> all() {
        return List.copyOf(byName.values());
    }

    public Optional<Class<?>> classOf(String storedName) {
        return Optional.ofNullable(byName.get(storedName));
    }

    /** The stored name of an event class; empty for classes that are not events of ours. */
    public Optional<String> nameOf(Class<?> type) {
        StoredAs storedAs = type.getAnnotation(StoredAs.class);
        return Optional.ofNullable(storedAs).map(StoredAs::value);
    }

    /** The stored name a class name of an older store stands for. */
    public Optional<String> nameOfLegacyType(String className) {
        return Optional.ofNullable(nameOfLegacyType.get(className));
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
