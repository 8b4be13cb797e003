package dev.gyre.data.drift;

import java.util.List;

/**
 * Drift of a dataset: the share of drifted features and {@code drifted = share >= threshold}.
 *
 * @param features per-feature results
 * @param driftedFeatures number of drifted features
 * @param share {@code driftedFeatures / features.size()}, in [0, 1] (0 without features)
 * @param threshold share at or above which the dataset drifts
 * @param drifted whether the dataset drifts (never without features)
 */
public record DatasetDrift(
        List<FeatureDrift> features, int driftedFeatures, double share, double threshold, boolean drifted) {

    public DatasetDrift {
        features = List.copyOf(features);
    }

    /** Aggregates feature results with the given share threshold. */
    public static DatasetDrift of(List<FeatureDrift> features, double threshold) {
        int drifted = (int) features.stream().filter(FeatureDrift::drifted).count();
        double share = features.isEmpty() ? 0 : (double) drifted / features.size();
        return new DatasetDrift(features, drifted, share, threshold, !features.isEmpty() && share >= threshold);
    }
}
