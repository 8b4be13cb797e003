package dev.gyre.data.drift;

import java.util.List;
import java.util.Objects;

/**
 * Reference and current distributions on common bins (numeric intervals or category values), as shares summing to 1;
 * the input of PSI, Jensen–Shannon and L-infinity, and the data for a drift plot.
 *
 * @param labels one label per bin: {@code "(a, b]"} intervals for numeric features, the value for categorical ones
 * @param edges interior bin edges for numeric features (bin {@code i} is {@code (edges[i-1], edges[i]]}, the first and
 *     last bins are open-ended); empty for categorical features
 * @param reference share of the reference in each bin, in [0, 1]
 * @param current share of the current data in each bin, in [0, 1]
 */
public record BinnedDistributions(
        List<String> labels, List<Double> edges, List<Double> reference, List<Double> current) {

    public BinnedDistributions {
        labels = List.copyOf(labels);
        edges = List.copyOf(edges);
        reference = List.copyOf(reference);
        current = List.copyOf(current);
        if (labels.isEmpty() || labels.size() != reference.size() || labels.size() != current.size()) {
            throw new IllegalArgumentException("labels and shares must be non-empty and of equal size");
        }
    }

    static BinnedDistributions ofShares(List<String> labels, double[] edges, double[] reference, double[] current) {
        Objects.requireNonNull(labels);
        return new BinnedDistributions(labels, boxed(edges), boxed(reference), boxed(current));
    }

    /** Number of bins. */
    public int size() {
        return labels.size();
    }

    /** The reference shares as a fresh array. */
    public double[] referenceShares() {
        return reference.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The current shares as a fresh array. */
    public double[] currentShares() {
        return current.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Double> boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
