package dev.gyre.bench.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Timing and output helpers shared by the data-stage benchmark mains. Each measured number is printed as one
 * {@code RESULT key=value ...} line that {@code bench/data.sh} collects; everything else is commentary.
 */
final class BenchResults {

    private BenchResults() {}

    /** Runs {@code work} once and returns its wall time in milliseconds; the result goes to {@link #sink}. */
    static double millis(Supplier<?> work) {
        long start = System.nanoTime();
        sink = work.get();
        return (System.nanoTime() - start) / 1e6;
    }

    /** Keeps the last result reachable so the JIT cannot drop the measured work. */
    static volatile Object sink;

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    /** Prints {@code RESULT} followed by the given key/value pairs. */
    static void result(Object... keyValues) {
        StringBuilder line = new StringBuilder("RESULT");
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.append(' ').append(keyValues[i]).append('=').append(format(keyValues[i + 1]));
        }
        System.out.println(line);
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String format(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.17g", d);
        }
        return String.valueOf(value).replace(' ', '_');
    }
}
