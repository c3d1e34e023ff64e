package io.psa.api.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * When an SLA's clocks run: around the clock (24x7), or in business hours given by a time zone, the weekdays and a
 * daily window (start inclusive, end exclusive). Counting happens in the zone's local time, so a daylight-saving
 * change moves the window with the clock on the wall.
 */
public record SlaHours(boolean twentyFourSeven, String timeZone, Set<DayOfWeek> weekdays, LocalTime start,
                       LocalTime end) {
    public static final SlaHours TWENTY_FOUR_SEVEN = new SlaHours(true, null, null, null, null);
    private static final int MAX_DAYS_SEARCHED = 3660;

    public static SlaHours businessHours(String timeZone, Set<DayOfWeek> weekdays, LocalTime start, LocalTime end) {
        return new SlaHours(false, timeZone, Set.copyOf(weekdays), start, end);
    }

    /** Whether a calendar is usable: a known zone, at least one weekday, and a window that starts before it ends. */
    @JsonIgnore
    public boolean isValid() {
        if (twentyFourSeven) {
            return true;
        }
        return timeZone != null && ZoneId.getAvailableZoneIds().contains(timeZone) && weekdays != null
               && !weekdays.isEmpty() && start != null && end != null && start.isBefore(end);
    }

    /** The moment {@code working} counted time after {@code from}. */
    public Instant plus(Instant from, Duration working) {
        if (twentyFourSeven) {
            return from.plus(working);
        }
        Duration left = working;
        ZoneId zone = ZoneId.of(timeZone);
        LocalDate day = LocalDate.ofInstant(from, zone);
        for (int i = 0; i < MAX_DAYS_SEARCHED; i++, day = day.plusDays(1)) {
            Optional<Window> window = window(day, zone);
            if (window.isEmpty()) {
                continue;
            }
            Instant counting = from.isAfter(window.get().start()) ? from : window.get().start();
            if (!counting.isBefore(window.get().end())) {
                continue;
            }
            Duration available = Duration.between(counting, window.get().end());
            if (left.compareTo(available) <= 0) {
                return counting.plus(left);
            }
            left = left.minus(available);
        }
        throw new IllegalStateException("no business hours within ten years");
    }

    /** The counted time between two moments ({@code from} before {@code to}). */
    public Duration between(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return Duration.ZERO;
        }
        if (twentyFourSeven) {
            return Duration.between(from, to);
        }
        Duration counted = Duration.ZERO;
        ZoneId zone = ZoneId.of(timeZone);
        LocalDate last = LocalDate.ofInstant(to, zone);
        for (LocalDate day = LocalDate.ofInstant(from, zone); !day.isAfter(last); day = day.plusDays(1)) {
            Optional<Window> window = window(day, zone);
            if (window.isPresent()) {
                Instant a = from.isAfter(window.get().start()) ? from : window.get().start();
                Instant b = to.isBefore(window.get().end()) ? to : window.get().end();
                if (a.isBefore(b)) {
                    counted = counted.plus(Duration.between(a, b));
                }
            }
        }
        return counted;
    }

    private record Window(Instant start, Instant end) {
    }

    /** The day's counted time, in the zone's local time of that day; none on a day that is not a weekday. */
    private Optional<Window> window(LocalDate day, ZoneId zone) {
        if (!weekdays.contains(day.getDayOfWeek())) {
            return Optional.empty();
        }
        return Optional.of(new Window(day.atTime(start).atZone(zone).toInstant(), day.atTime(end).atZone(zone).toInstant()));
    }
}
