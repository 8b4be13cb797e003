package dev.gyre.model.features;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * A calendar part of a timestamp (epoch milliseconds), read in UTC so that a model behaves the same wherever it is
 * served. Days of the week follow ISO: Monday is 1, Sunday 7.
 */
public enum DatePart {
    YEAR,
    MONTH,
    DAY,
    DAY_OF_WEEK,
    DAY_OF_YEAR,
    HOUR,
    MINUTE;

    /** The lower-case name used in YAML, JSON and feature names ({@code date.day_of_week}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The part with this {@link #label()}, or {@code null}. */
    static DatePart ofLabel(String label) {
        for (DatePart part : values()) {
            if (part.label().equals(label)) {
                return part;
            }
        }
        return null;
    }

    /** This part of {@code time}. */
    double of(LocalDateTime time) {
        return switch (this) {
            case YEAR -> time.getYear();
            case MONTH -> time.getMonthValue();
            case DAY -> time.getDayOfMonth();
            case DAY_OF_WEEK -> time.getDayOfWeek().getValue();
            case DAY_OF_YEAR -> time.getDayOfYear();
            case HOUR -> time.getHour();
            case MINUTE -> time.getMinute();
        };
    }

    /** The UTC date-time of {@code epochMillis} (fractions of a millisecond are dropped). */
    static LocalDateTime utc(double epochMillis) {
        long millis = (long) Math.floor(epochMillis);
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
    }
}
