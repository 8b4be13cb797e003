package dev.gyre.bench;

import java.util.Arrays;

/** Nearest-rank percentiles over a set of request latencies in nanoseconds. */
record Latencies(long[] sortedNanos) {

    static Latencies of(long[] nanos) {
        long[] copy = nanos.clone();
        Arrays.sort(copy);
        return new Latencies(copy);
    }

    int count() {
        return sortedNanos.length;
    }

    /** The {@code p}-th percentile (0 &lt; p ≤ 100) in milliseconds, nearest-rank definition. */
    double percentileMs(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    double meanMs() {
        return Arrays.stream(sortedNanos).average().orElse(Double.NaN) / 1e6;
    }
}
