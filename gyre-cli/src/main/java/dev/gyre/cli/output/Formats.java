package dev.gyre.cli.output;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formatting shared by the tables: times in the local zone to the second, metrics to four decimals. */
public final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private Formats() {}

    public static String time(long epochMillis) {
        return epochMillis <= 0
                ? "-"
                : TIME.format(Instant.ofEpochMilli(epochMillis).atZone(ZoneId.systemDefault()));
    }

    public static String metric(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : Double.toString(value);
    }

    public static String duration(long startMillis, Long endMillis) {
        if (endMillis == null || endMillis < startMillis) {
            return "-";
        }
        long millis = endMillis - startMillis;
        return millis < 60_000
                ? String.format(Locale.ROOT, "%.1fs", millis / 1000.0)
                : String.format(Locale.ROOT, "%dm%02ds", millis / 60_000, (millis / 1000) % 60);
    }
}
