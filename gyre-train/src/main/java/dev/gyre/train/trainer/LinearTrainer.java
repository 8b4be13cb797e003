package dev.gyre.train.trainer;

import java.util.Map;

/**
 * A linear model (linear regression, logistic regression, multinomial logistic regression by task) fitted with
 * XGBoost's linear booster ({@code booster=gblinear}), trained beside every project's main model as the simple
 * comparison that is not trivial. Using the same library keeps one runtime, one serialization format and the same
 * metrics for both.
 *
 * <p>What the caller must know:
 *
 * <ul>
 *   <li>Features should be standardized by the feature pipeline: the L1/L2 penalties ({@code alpha}, {@code lambda})
 *       act on raw coefficients, so unscaled features are penalized unevenly, and coordinate descent converges
 *       slowly on badly scaled data.
 *   <li>A missing value contributes nothing to the linear sum, the same as a value of 0 (gblinear skips missing
 *       entries; a test checks that all-missing and all-zero rows score alike). Impute in the pipeline when 0 is not
 *       a sensible stand-in.
 *   <li>Each boosting round is one pass of coordinate descent, so {@code rounds} bounds the optimisation and early
 *       stopping works as for trees.
 *   <li>The updater is {@code coord_descent}, not XGBoost's default {@code shotgun}: XGBoost documents shotgun as
 *       nondeterministic (hogwild parallelism) and coordinate descent as deterministic, which Gyre's
 *       same-seed-same-bytes promise needs.
 * </ul>
 */
public final class LinearTrainer implements Trainer {

    /** The defaults this trainer sets beyond XGBoost's own; {@code TrainerSettings.params} override them. */
    public static final Map<String, Object> DEFAULTS = Map.of("updater", "coord_descent", "feature_selector", "cyclic");

    private final XGBoostRun run = new XGBoostRun("linear", "gblinear", DEFAULTS);

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public TrainedModel train(TrainingData data, TrainerSettings settings) {
        return run.train(data, settings, RoundListener.NONE);
    }

    @Override
    public TrainedModel train(TrainingData data, TrainerSettings settings, RoundListener rounds) {
        return run.train(data, settings, rounds);
    }
}
