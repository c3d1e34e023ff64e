package io.psa.platform.persistence;

import java.util.Locale;

/** The key a read model sorts names by, so that PostgreSQL (whatever its collation) and H2 order alike. */
public final class SortKey {
    private SortKey() {
    }

    /** The name in lower case; null for none. */
    public static String of(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
