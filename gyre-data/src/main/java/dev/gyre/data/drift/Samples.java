package dev.gyre.data.drift;

import java.util.Arrays;

/** Small helpers on raw numeric samples. */
final class Samples {

    private Samples() {}

    /** A sorted copy of {@code values} without NaN. */
    static double[] sortedFinite(double[] values) {
        double[] copy = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        Arrays.sort(copy);
        return copy;
    }

    /** Population standard deviation (ddof = 0) of a NaN-free array, by Welford's update. */
    static double populationStandardDeviation(double[] values) {
        double mean = 0;
        double m2 = 0;
        long n = 0;
        for (double v : values) {
            n++;
            double delta = v - mean;
            mean += delta / n;
            m2 += delta * (v - mean);
        }
        return n == 0 ? 0 : Math.sqrt(m2 / n);
    }
}
