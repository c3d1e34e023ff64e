package io.psa.platform.test;

import io.psa.api.ticket.Hours;
import io.psa.api.ticket.Money;
import io.psa.api.ticket.Priority;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One sample of a message record (a stored event, a feed fact), with every field filled (nested records, lists and
 * maps with one entry each), so that its published form shows all of its fields. Deterministic: the same sample
 * every time.
 */
public final class EventSamples {
    private EventSamples() {
    }

    public static Object sample(Class<?> type) {
        return value(type, type, "x");
    }

    private static Object value(Type generic, Class<?> type, String name) {
        if (type == String.class) {
            return name + "-1";
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == int.class || type == Integer.class) {
            return 2;
        }
        if (type == long.class || type == Long.class) {
            return 3L;
        }
        if (type == BigDecimal.class) {
            return new BigDecimal("2.5");
        }
        if (type == Money.class) {
            return Money.of("12.50");
        }
        if (type == Hours.class) {
            return Hours.of("1.50");
        }
        if (type == Priority.class) {
            return Priority.of(2);
        }
        if (type == LocalDate.class) {
            return LocalDate.of(2026, 1, 15);
        }
        if (type == Instant.class) {
            return Instant.parse("2026-01-15T10:00:00Z");
        }
        if (type == LocalTime.class) {
            return LocalTime.of(8, 0);
        }
        if (type == Duration.class) {
            return Duration.ofHours(1);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == List.class || type == Set.class || type == Map.class) {
            Type[] arguments = ((ParameterizedType) generic).getActualTypeArguments();
            if (type == Map.class) {
                Class<?> keyType = raw(arguments[0]);
                Object key = keyType == String.class ? name + "-key" : value(arguments[0], keyType, name);
                return Map.of(key, value(arguments[1], raw(arguments[1]), name));
            }
            Object element = value(arguments[0], raw(arguments[0]), name);
            return type == List.class ? List.of(element) : Set.of(element);
        }
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = value(components[i].getGenericType(), types[i], components[i].getName());
            }
            try {
                return type.getDeclaredConstructor(types).newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make a sample of " + type, e);
            }
        }
        throw new IllegalArgumentException("no sample for " + type + " (field " + name + ")");
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
    }
}
