package io.psa.api.rule;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The bounds every accepted value stays within, so that the event store, every projection, the history and the
 * partner feed can hold it and read it back. The REST edge refuses what lies outside (400), the aggregates refuse it
 * in what partners send (422), and the value objects cannot hold a number beyond {@link #REPRESENTABLE_INTEGER_DIGITS}.
 * The README states them.
 */
public final class Limits {
    /** Money a person enters (prices, costs, rates, contract values): below one billion, at most 4 decimals. */
    public static final int AMOUNT_INTEGER_DIGITS = 9;
    public static final int AMOUNT_DECIMALS = 4;
    /** Quantities and units: below ten million, at most 4 decimals. */
    public static final int QUANTITY_INTEGER_DIGITS = 7;
    public static final int QUANTITY_DECIMALS = 4;
    /** Hours: at most 2 decimals (the rules allow up to 24 per entry). */
    public static final int HOURS_INTEGER_DIGITS = 7;
    public static final int HOURS_DECIMALS = 2;
    /**
     * What a money value object holds at most: far more than any sum or product of accepted amounts and quantities
     * (and than any amount stored before the input limits existed), and far from the sizes that cost seconds of CPU
     * or cannot be written as JSON and read back (1e1000).
     */
    public static final int REPRESENTABLE_INTEGER_DIGITS = 40;
    public static final int REPRESENTABLE_DECIMALS = 20;
    /** Dates and moments: from 1900 to 2999 (dates beyond do not fit every database's date type). */
    public static final String DATE_RANGE_TEXT = "between 1900-01-01 and 2999-12-31";
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST_DATE = LocalDate.of(2999, 12, 31);

    /** The longest ids and texts of a ticket and its items. */
    public static final int ID_LENGTH = 100;
    public static final int NAME_LENGTH = 300;
    public static final int TITLE_LENGTH = 500;
    public static final int DESCRIPTION_LENGTH = 20_000;
    public static final int NOTE_TEXT_LENGTH = 50_000;
    public static final int SUMMARY_LENGTH = 5_000;
    public static final int CHARGE_DESCRIPTION_LENGTH = 1_000;
    public static final int FILE_NAME_LENGTH = 255;
    /** A queue's name (the service desk's own words: "Level 1", "Field service"). */
    public static final int QUEUE_LENGTH = 100;

    /** A text with its field's name and its longest length. */
    public record Text(String field, String value, int maxLength) {
    }

    public static final Policy<Text> TEXT_WITHIN_LIMIT = Policy.valueRule("text-within-limit",
            text -> text.value() == null || text.value().length() <= text.maxLength() && isPlainText(text.value()),
            text -> text.field() + " must be plain text of at most " + text.maxLength() + " characters.");

    public static final Policy<BigDecimal> AMOUNT_IN_RANGE = Policy.valueRule("amount-in-range",
            amount -> fits(amount, AMOUNT_INTEGER_DIGITS, AMOUNT_DECIMALS),
            amount -> "Amounts must be below one billion with at most " + AMOUNT_DECIMALS + " decimals, not "
                      + shown(amount) + ".");

    public static final Policy<BigDecimal> QUANTITY_IN_RANGE = Policy.valueRule("quantity-in-range",
            quantity -> fits(quantity, QUANTITY_INTEGER_DIGITS, QUANTITY_DECIMALS),
            quantity -> "Quantities must be below ten million with at most " + QUANTITY_DECIMALS + " decimals, not "
                        + shown(quantity) + ".");

    public static final Policy<LocalDate> DATE_IN_RANGE = Policy.valueRule("date-in-range", Limits::isInRange,
            date -> "Dates must lie " + DATE_RANGE_TEXT + ", not " + date + ".");

    private Limits() {
    }

    /**
     * Whether {@code value} has at most {@code integerDigits} digits before the decimal point and {@code decimals}
     * after it (trailing zeros not counted). Cheap for any input, 1e1000000 included.
     */
    public static boolean fits(BigDecimal value, int integerDigits, int decimals) {
        if (value.signum() == 0) {
            return true;
        }
        BigDecimal plain = value.stripTrailingZeros();
        return (long) plain.precision() - plain.scale() <= integerDigits && plain.scale() <= decimals;
    }

    public static boolean isInRange(LocalDate date) {
        return !date.isBefore(EARLIEST_DATE) && !date.isAfter(LATEST_DATE);
    }

    public static boolean isInRange(Instant instant) {
        return !instant.isBefore(EARLIEST_DATE.atStartOfDay().toInstant(ZoneOffset.UTC))
               && instant.isBefore(LATEST_DATE.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /**
     * Whether text can be stored and read back everywhere: valid UTF-16 (no lone surrogate) and no control character
     * other than tab, line feed and carriage return (PostgreSQL cannot store NUL at all).
     */
    public static boolean isPlainText(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A number as a person can read it in a refusal, however large it is. */
    private static String shown(BigDecimal value) {
        return abbreviated(value.toString(), 40);
    }

    /** The text cut to {@code maxLength} characters (ending in "..." when cut), never inside a surrogate pair. */
    public static String abbreviated(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        int end = maxLength - 3;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }
}
