package io.psa.platform.web;

import io.psa.api.query.Page;
import io.psa.platform.persistence.SortKey;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springdoc.core.annotations.ParameterObject;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The query parameters of a list: {@code page} from 0, {@code size} 1 to {@value Page#MAX_SIZE} (default
 * {@value Page#DEFAULT_SIZE}), {@code sort} {@code name} (A-Z, the default) or {@code -name} (Z-A).
 */
@ParameterObject
public record Paging(@Min(0) Integer page, @Min(1) @Max(Page.MAX_SIZE) Integer size,
                     @Pattern(regexp = "-?name", message = "is name or -name") String sort) {
    public Paging {
        page = page == null ? 0 : page;
        size = size == null ? Page.DEFAULT_SIZE : size;
        sort = sort == null ? "name" : sort;
    }

    public boolean descending() {
        return sort.startsWith("-");
    }

    /** This page of a list held in memory, sorted by {@code name}. */
    public <T> Page<T> of(List<T> all, Function<T, String> name) {
        Comparator<T> byName = Comparator.comparing(item -> SortKey.of(name.apply(item)),
                Comparator.nullsLast(Comparator.naturalOrder()));
        return Page.of(all, descending() ? byName.reversed() : byName, page, size);
    }
}
