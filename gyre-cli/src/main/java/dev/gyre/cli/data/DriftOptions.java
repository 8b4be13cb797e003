package dev.gyre.cli.data;

import dev.gyre.core.error.GyreException;
import dev.gyre.data.drift.DriftConfig;
import dev.gyre.data.drift.DriftMethod;
import dev.gyre.data.drift.ProfileDrift;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The drift thresholds of {@code compare} and {@code validate}, all configurable, with Evidently's defaults: the
 * method per feature type and sample size, each method's threshold, the share of drifting features that makes the
 * dataset drift, and the KS minimum effect that keeps huge samples from flagging negligible shifts.
 */
public final class DriftOptions {

    @Option(
            names = "--min-effect",
            paramLabel = "D",
            defaultValue = "0.1",
            description = "Smallest KS D that counts as drift above the small-sample limit (default ${DEFAULT-VALUE}).")
    double minEffect;

    @Option(
            names = "--threshold",
            paramLabel = "METHOD=VALUE",
            description = "A method's threshold: a p-value level for kolmogorov_smirnov, chi_square, z_test (default"
                    + " 0.05); a distance for wasserstein_normed, jensen_shannon, psi, l_infinity (default 0.1)."
                    + " Repeatable.")
    Map<String, Double> thresholds = new LinkedHashMap<>();

    @Option(
            names = "--method",
            paramLabel = "FEATURE=METHOD",
            description = "Measure FEATURE with METHOD instead of the default for its type and size. Repeatable.")
    Map<String, String> methods = new LinkedHashMap<>();

    @Option(
            names = "--drift-share",
            paramLabel = "S",
            defaultValue = "0.5",
            description = "The dataset drifts when at least this share of features drifts (default ${DEFAULT-VALUE}).")
    double driftShare;

    @Option(
            names = "--small-sample-rows",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Up to N reference rows, p-value tests decide (KS, chi-square, z-test); above, distances"
                    + " (default ${DEFAULT-VALUE}).")
    long smallSampleRows;

    /** The configuration these options describe; bad values are one clear error naming the option. */
    DriftConfig config() {
        try {
            DriftConfig config =
                    DriftConfig.defaults().withDatasetDriftShare(driftShare).withSmallSampleMaxRows(smallSampleRows);
            for (Map.Entry<String, Double> threshold : thresholds.entrySet()) {
                config = config.withThreshold(DriftMethod.named(threshold.getKey()), threshold.getValue());
            }
            for (Map.Entry<String, String> method : methods.entrySet()) {
                config = config.withMethod(method.getKey(), DriftMethod.named(method.getValue()));
            }
            return config;
        } catch (IllegalArgumentException e) {
            throw GyreException.invalid(e.getMessage());
        }
    }

    double minEffect() {
        return minEffect;
    }

    /** A {@link ProfileDrift} with {@link #config()} and the minimum effect. */
    ProfileDrift drift() {
        DriftConfig config = config();
        try {
            return new ProfileDrift(config, minEffect);
        } catch (IllegalArgumentException e) {
            throw GyreException.invalid(e.getMessage()); // e.g. a --min-effect out of range
        }
    }
}
