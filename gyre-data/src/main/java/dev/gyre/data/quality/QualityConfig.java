package dev.gyre.data.quality;

import dev.gyre.core.error.GyreException;
import java.util.List;

/**
 * What to check and how strict to be. Start from {@link #forLabel(String)} and adjust with the {@code with…}
 * methods.
 *
 * @param label the label column
 * @param features the feature columns; empty means every column but the label
 * @param rareClassFraction a class below this share of the labeled rows is rare (default 0.01)
 * @param rareClassCount a class with fewer rows than this is rare (default 10)
 * @param nearConstantFraction a feature whose top value covers at least this share of rows is near-constant
 *     (default 0.99)
 * @param leakageAccuracy a feature predicting the label with at least this accuracy is a leakage candidate
 *     (default 0.99)
 * @param leakageMinLift ... provided its accuracy beats the majority-class baseline by at least this much (default
 *     0.05)
 * @param idLikeFraction a non-floating column with at least this many distinct values per row is ID-like (default
 *     0.95)
 * @param maxCategories a numeric feature with more distinct values than this is checked with a threshold, not per
 *     value (default 20)
 * @param conflictErrorFraction label conflicts covering at least this share of labeled rows are an error, fewer a
 *     warning (default 0.01)
 * @param examples how many example groups a finding carries (default 5)
 */
public record QualityConfig(
        String label,
        List<String> features,
        double rareClassFraction,
        long rareClassCount,
        double nearConstantFraction,
        double leakageAccuracy,
        double leakageMinLift,
        double idLikeFraction,
        int maxCategories,
        double conflictErrorFraction,
        int examples) {

    public QualityConfig {
        if (label == null || label.isBlank()) {
            throw GyreException.invalid("a label column is required");
        }
        features = List.copyOf(features);
        if (features.contains(label)) {
            throw GyreException.invalid("the label column '" + label + "' cannot also be a feature");
        }
        requireFraction("rareClassFraction", rareClassFraction);
        requireFraction("nearConstantFraction", nearConstantFraction);
        requireFraction("leakageAccuracy", leakageAccuracy);
        requireFraction("leakageMinLift", leakageMinLift);
        requireFraction("idLikeFraction", idLikeFraction);
        requireFraction("conflictErrorFraction", conflictErrorFraction);
        if (rareClassCount < 0 || maxCategories < 1 || examples < 0) {
            throw GyreException.invalid("rareClassCount and examples must be >= 0, maxCategories >= 1");
        }
    }

    /** The defaults, every column but {@code label} a feature. */
    public static QualityConfig forLabel(String label) {
        return new QualityConfig(label, List.of(), 0.01, 10, 0.99, 0.99, 0.05, 0.95, 20, 0.01, 5);
    }

    public QualityConfig withFeatures(List<String> newFeatures) {
        return new QualityConfig(
                label,
                newFeatures,
                rareClassFraction,
                rareClassCount,
                nearConstantFraction,
                leakageAccuracy,
                leakageMinLift,
                idLikeFraction,
                maxCategories,
                conflictErrorFraction,
                examples);
    }

    public QualityConfig withRareClass(double fraction, long count) {
        return new QualityConfig(
                label,
                features,
                fraction,
                count,
                nearConstantFraction,
                leakageAccuracy,
                leakageMinLift,
                idLikeFraction,
                maxCategories,
                conflictErrorFraction,
                examples);
    }

    public QualityConfig withNearConstantFraction(double fraction) {
        return new QualityConfig(
                label,
                features,
                rareClassFraction,
                rareClassCount,
                fraction,
                leakageAccuracy,
                leakageMinLift,
                idLikeFraction,
                maxCategories,
                conflictErrorFraction,
                examples);
    }

    public QualityConfig withLeakage(double accuracy, double minLift) {
        return new QualityConfig(
                label,
                features,
                rareClassFraction,
                rareClassCount,
                nearConstantFraction,
                accuracy,
                minLift,
                idLikeFraction,
                maxCategories,
                conflictErrorFraction,
                examples);
    }

    public QualityConfig withConflictErrorFraction(double fraction) {
        return new QualityConfig(
                label,
                features,
                rareClassFraction,
                rareClassCount,
                nearConstantFraction,
                leakageAccuracy,
                leakageMinLift,
                idLikeFraction,
                maxCategories,
                fraction,
                examples);
    }

    public QualityConfig withExamples(int count) {
        return new QualityConfig(
                label,
                features,
                rareClassFraction,
                rareClassCount,
                nearConstantFraction,
                leakageAccuracy,
                leakageMinLift,
                idLikeFraction,
                maxCategories,
                conflictErrorFraction,
                count);
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw GyreException.invalid(name + " must be between 0 and 1, got " + value);
        }
    }
}
