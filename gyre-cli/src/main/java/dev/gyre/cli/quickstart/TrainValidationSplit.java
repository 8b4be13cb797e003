package dev.gyre.cli.quickstart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * A stratified, seeded split into training and validation rows: each class keeps its share in both parts, and the
 * same seed always gives the same split, so runs differ only by their hyper-parameters.
 *
 * @param train row indices for training, ascending
 * @param validation row indices for validation, ascending
 */
public record TrainValidationSplit(int[] train, int[] validation) {

    /** Splits {@code data}, putting {@code validationFraction} of each class in the validation part. */
    public static TrainValidationSplit stratified(LabeledData data, double validationFraction, long seed) {
        if (validationFraction <= 0 || validationFraction >= 1) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1): " + validationFraction);
        }
        TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < data.rows(); i++) {
            byClass.computeIfAbsent(data.label(i), k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (List<Integer> rows : byClass.values()) {
            Collections.shuffle(rows, random);
            int validationCount = (int) Math.round(rows.size() * validationFraction);
            validation.addAll(rows.subList(0, validationCount));
            train.addAll(rows.subList(validationCount, rows.size()));
        }
        return new TrainValidationSplit(sorted(train), sorted(validation));
    }

    private static int[] sorted(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
