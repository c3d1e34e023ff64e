package io.psa.api.query;

import java.util.Comparator;
import java.util.List;

/**
 * One page of a list: its items, which page it is (from 0), the page size asked for, and how many items the whole
 * list holds. Every list endpoint answers with one.
 */
public record Page<T>(List<T> items, int page, int size, long totalItems) {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    /** The page of a list held in memory, in the given order. */
    public static <T> Page<T> of(List<T> all, Comparator<? super T> order, int page, int size) {
        List<T> sorted = all.stream().sorted(order).toList();
        int from = (int) Math.min((long) page * size, sorted.size());
        return new Page<>(sorted.subList(from, Math.min(sorted.size(), from + size)), page, size, sorted.size());
    }

    /** The offset of the page's first item in the whole list. */
    public static long offset(int page, int size) {
        return (long) page * size;
    }
}
