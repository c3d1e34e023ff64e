package io.psa.api.contract;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlaHoursTest {
    private static final SlaHours BERLIN_OFFICE = SlaHours.businessHours("Europe/Berlin",
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(17, 0));

    @Test
    void aroundTheClockCountsEveryMinute() {
        Instant friday = Instant.parse("2026-03-13T22:00:00Z");
        assertThat(SlaHours.TWENTY_FOUR_SEVEN.plus(friday, Duration.ofMinutes(240)))
                .isEqualTo(Instant.parse("2026-03-14T02:00:00Z"));
        assertThat(SlaHours.TWENTY_FOUR_SEVEN.between(friday, Instant.parse("2026-03-14T02:00:00Z")))
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void withinOneBusinessDay() {
        // Tuesday 10:00 Berlin (CET, UTC+1) + 2 h
        assertThat(BERLIN_OFFICE.plus(Instant.parse("2026-03-10T09:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2026-03-10T11:00:00Z"));
    }

    @Test
    void outsideHoursTheClockStartsAtTheNextOpening() {
        // Tuesday 20:00 Berlin: counting starts Wednesday 08:00
        assertThat(BERLIN_OFFICE.plus(Instant.parse("2026-03-10T19:00:00Z"), Duration.ofMinutes(30)))
                .isEqualTo(Instant.parse("2026-03-11T07:30:00Z"));
    }

    @Test
    void theWeekendIsSkipped() {
        // Friday 16:00 Berlin + 4 h: 1 h on Friday, 3 h on Monday -> Monday 11:00
        assertThat(BERLIN_OFFICE.plus(Instant.parse("2026-03-13T15:00:00Z"), Duration.ofHours(4)))
                .isEqualTo(Instant.parse("2026-03-16T10:00:00Z"));
        assertThat(BERLIN_OFFICE.between(Instant.parse("2026-03-13T15:00:00Z"), Instant.parse("2026-03-16T10:00:00Z")))
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void aDaylightSavingChangeMovesTheWindowWithTheWallClock() {
        // Berlin moves to CEST (UTC+2) on Sunday 2026-03-29. Friday 16:00 CET + 2 h -> Monday 09:00 CEST = 07:00 UTC
        assertThat(BERLIN_OFFICE.plus(Instant.parse("2026-03-27T15:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
        // a whole business day is 9 h on either side of the change
        assertThat(BERLIN_OFFICE.between(Instant.parse("2026-03-27T00:00:00Z"), Instant.parse("2026-03-31T00:00:00Z")))
                .isEqualTo(Duration.ofHours(18));
    }

    @Test
    void aCalendarWithoutHolidaysCountsEveryListedWeekday() {
        SlaHours sevenDays = SlaHours.businessHours("America/New_York", EnumSet.allOf(DayOfWeek.class),
                LocalTime.of(9, 0), LocalTime.of(12, 0));
        // 10 h of 3-hour days from Saturday 09:00 EST: Sat 3, Sun 3, Mon 3, Tue 1 -> Tuesday 10:00
        assertThat(sevenDays.plus(Instant.parse("2026-01-03T14:00:00Z"), Duration.ofHours(10)))
                .isEqualTo(Instant.parse("2026-01-06T15:00:00Z"));
    }

    @Test
    void validity() {
        assertThat(BERLIN_OFFICE.isValid()).isTrue();
        assertThat(SlaHours.businessHours("Mars/Olympus", EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(8, 0),
                LocalTime.of(9, 0)).isValid()).isFalse();
        assertThat(SlaHours.businessHours("UTC", EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(9, 0),
                LocalTime.of(8, 0)).isValid()).isFalse();
        assertThatThrownBy(() -> SlaHours.businessHours("UTC", EnumSet.noneOf(DayOfWeek.class), LocalTime.of(8, 0),
                LocalTime.of(9, 0)).plus(Instant.EPOCH, Duration.ofMinutes(1))).isInstanceOf(IllegalStateException.class);
    }
}
