package dev.gyre.bench.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The XGBoost parameters both sides of {@code bench/train.sh} train with, and the timing and output helpers of the
 * modeling-stage mains. {@code bench/python/xgb_train.py} holds the same dictionary; both print it as
 * {@code params=} so that the script checks they agree.
 *
 * <p>{@code base_score} is set to 0.5 because XGBoost 2.0 and later estimate it from the labels when it is not
 * given, while 1.7 (the Python peer) uses 0.5: without it the two versions would not train the same model.
 */
final class BenchParams {

    static final int ROUNDS = 200;
    static final long SEED = 42;

    private BenchParams() {}

    /** The library parameters beyond rounds, seed and threads (which TrainerSettings carries). */
    static Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tree_method", "hist");
        params.put("max_depth", 6);
        params.put("eta", 0.1);
        params.put("max_bin", 256);
        params.put("base_score", 0.5);
        return params;
    }

    /** {@code name:value;…} sorted by name, numbers as Python's {@code str} writes them. */
    static String describe(Map<String, Object> params) {
        return new TreeMap<>(params)
                .entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(";"));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    static double sum(double[] values) {
        return Arrays.stream(values).sum();
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String num(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Prints {@code RESULT} followed by the given key/value pairs (spaces in values become underscores). */
    static void result(Object... keyValues) {
        StringBuilder line = new StringBuilder("RESULT");
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.append(' ')
                    .append(keyValues[i])
                    .append('=')
                    .append(String.valueOf(keyValues[i + 1]).replace(' ', '_'));
        }
        System.out.println(line);
    }
}
