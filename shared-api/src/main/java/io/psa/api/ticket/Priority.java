package io.psa.api.ticket;

import com.fasterxml.jackson.annotation.JsonIgnore;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** 1 critical .. 4 low; on the wire it is the bare number. */
public record Priority(int level) {
    public static final int HIGHEST = 1;
    public static final int LOWEST = 4;
    public static final Priority DEFAULT = new Priority(3);

    @JsonCreator
    public static Priority of(int level) {
        return new Priority(level);
    }

    @JsonIgnore
    public boolean isValid() {
        return level >= HIGHEST && level <= LOWEST;
    }

    @JsonValue
    public int level() {
        return level;
    }
}
