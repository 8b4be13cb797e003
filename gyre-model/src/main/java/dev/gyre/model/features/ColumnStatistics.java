package dev.gyre.model.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The training statistics transforms learn. Every result is a function of the values alone (sums in row order,
 * categories in sorted order), never of hash-map iteration order, so fitting is deterministic. {@code NaN} values
 * are missing and ignored; a statistic of no values is {@code NaN}.
 */
final class ColumnStatistics {

    private ColumnStatistics() {}

    /** The values that are not missing, sorted ascending. */
    static double[] sortedPresent(double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        Arrays.sort(present);
        return present;
    }

    static double median(double[] values) {
        double[] sorted = sortedPresent(values);
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double mean(double[] values) {
        double sum = 0;
        long count = 0;
        for (double value : values) {
            if (!Double.isNaN(value)) {
                sum += value;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** The population standard deviation (divisor n) around {@code mean}. */
    static double standardDeviation(double[] values, double mean) {
        double sum = 0;
        long count = 0;
        for (double value : values) {
            if (!Double.isNaN(value)) {
                sum += (value - mean) * (value - mean);
                count++;
            }
        }
        return count == 0 ? Double.NaN : Math.sqrt(sum / count);
    }

    /** The most frequent value; among equally frequent ones, the smallest. */
    static double mostFrequent(double[] values) {
        double[] sorted = sortedPresent(values);
        double best = Double.NaN;
        int bestCount = 0;
        for (int start = 0; start < sorted.length; ) {
            int end = start;
            while (end < sorted.length && sorted[end] == sorted[start]) {
                end++;
            }
            if (end - start > bestCount) {
                best = sorted[start];
                bestCount = end - start;
            }
            start = end;
        }
        return best;
    }

    /**
     * Inner edges for {@code buckets} equal-count buckets: the quantiles {@code j / buckets} (linear interpolation
     * between order statistics, as numpy's default), without repeats and without edges at or below the minimum.
     */
    static List<Double> quantileEdges(double[] values, int buckets) {
        double[] sorted = sortedPresent(values);
        List<Double> edges = new ArrayList<>();
        if (sorted.length == 0) {
            return edges;
        }
        for (int j = 1; j < buckets; j++) {
            double position = (double) j / buckets * (sorted.length - 1);
            int below = (int) Math.floor(position);
            int above = Math.min(below + 1, sorted.length - 1);
            double edge = sorted[below] + (position - below) * (sorted[above] - sorted[below]);
            addIncreasing(edges, edge, sorted[0]);
        }
        return edges;
    }

    /** Inner edges for {@code buckets} buckets of equal width between the minimum and the maximum. */
    static List<Double> widthEdges(double[] values, int buckets) {
        double[] sorted = sortedPresent(values);
        List<Double> edges = new ArrayList<>();
        if (sorted.length == 0) {
            return edges;
        }
        double min = sorted[0];
        double max = sorted[sorted.length - 1];
        for (int j = 1; j < buckets; j++) {
            addIncreasing(edges, min + (max - min) * j / buckets, min);
        }
        return edges;
    }

    private static void addIncreasing(List<Double> edges, double edge, double min) {
        if (edge > min && (edges.isEmpty() || edge > edges.getLast())) {
            edges.add(edge);
        }
    }

    /** How often each present category occurs, in sorted category order. */
    static TreeMap<String, Integer> counts(String[] values) {
        Map<String, int[]> counting = new HashMap<>();
        for (String value : values) {
            if (value != null) {
                counting.computeIfAbsent(value, key -> new int[1])[0]++;
            }
        }
        TreeMap<String, Integer> sorted = new TreeMap<>();
        counting.forEach((category, count) -> sorted.put(category, count[0]));
        return sorted;
    }
}
