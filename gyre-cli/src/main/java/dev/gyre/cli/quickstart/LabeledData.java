package dev.gyre.cli.quickstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A classification dataset in memory: one row of {@code features} per example, its class in {@code labels}.
 * Arrays are owned by this object and never modified after construction.
 */
public final class LabeledData {
    private final String name;
    private final List<String> featureNames;
    private final List<String> classNames;
    private final double[][] features;
    private final int[] labels;

    LabeledData(String name, List<String> featureNames, List<String> classNames, double[][] features, int[] labels) {
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " rows but " + labels.length + " labels");
        }
        this.name = name;
        this.featureNames = List.copyOf(featureNames);
        this.classNames = List.copyOf(classNames);
        this.features = features;
        this.labels = labels;
    }

    public String name() {
        return name;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public List<String> classNames() {
        return classNames;
    }

    public int rows() {
        return labels.length;
    }

    public int columns() {
        return featureNames.size();
    }

    /** Row {@code i} (not a copy: do not modify). */
    double[] row(int i) {
        return features[i];
    }

    int label(int i) {
        return labels[i];
    }

    /** How many rows have class {@code label}. */
    public long count(int label) {
        long n = 0;
        for (int l : labels) {
            n += l == label ? 1 : 0;
        }
        return n;
    }

    int[] labels() {
        return labels.clone();
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), named {@code name}. */
    LabeledData slice(String name, int from, int to) {
        if (from < 0 || to > rows() || from >= to) {
            throw new IllegalArgumentException("no rows " + from + ".." + to + " in " + rows() + " rows");
        }
        return new LabeledData(
                name,
                featureNames,
                classNames,
                Arrays.copyOfRange(features, from, to),
                Arrays.copyOfRange(labels, from, to));
    }

    /**
     * Writes the rows as CSV with a header (the feature names, then {@code target}), so that data tools read it
     * as it is; values are written exactly ({@link Double#toString}).
     */
    void writeCsv(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String feature : featureNames) {
            text.append(feature).append(',');
        }
        text.append("target\n");
        for (int i = 0; i < rows(); i++) {
            for (double value : features[i]) {
                text.append(value).append(',');
            }
            text.append(labels[i]).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}
