package dev.gyre.train.project;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The model to train.
 *
 * @param trainer the learning algorithm
 * @param rounds boosting rounds (XGBoost) or epochs (linear), at least 1
 * @param earlyStoppingRounds stop after this many rounds without improvement on the validation rows; 0 turns early
 *     stopping off
 * @param seed the trainer's seed
 * @param params further trainer parameters, passed as they are (XGBoost's names: {@code max_depth}, {@code eta}, …);
 *     values are {@code String}, {@code Boolean}, {@code Integer}, {@code Long} or {@code Double}, in file order
 */
public record ModelSpec(Trainer trainer, int rounds, int earlyStoppingRounds, long seed, Map<String, Object> params) {

    public static final int DEFAULT_ROUNDS = 200;
    public static final int DEFAULT_EARLY_STOPPING_ROUNDS = 20;

    /** The learning algorithms. */
    public enum Trainer {
        XGBOOST,
        LINEAR
    }

    public ModelSpec {
        Objects.requireNonNull(trainer, "trainer");
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, was " + rounds);
        }
        if (earlyStoppingRounds < 0) {
            throw new IllegalArgumentException("early stopping rounds must be >= 0, was " + earlyStoppingRounds);
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** XGBoost with the defaults: 200 rounds, early stopping after 20, seed 42, no extra parameters. */
    public static ModelSpec defaults() {
        return new ModelSpec(
                Trainer.XGBOOST, DEFAULT_ROUNDS, DEFAULT_EARLY_STOPPING_ROUNDS, SplitSpec.DEFAULT_SEED, Map.of());
    }
}
