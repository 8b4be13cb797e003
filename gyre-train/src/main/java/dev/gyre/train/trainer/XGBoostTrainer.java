package dev.gyre.train.trainer;

import java.util.Map;

/**
 * Gradient-boosted trees with XGBoost ({@code booster=gbtree}, {@code tree_method=hist}): the default model of a
 * project. Objective and evaluation metrics follow the task: {@code binary:logistic} with {@code logloss, auc},
 * {@code multi:softprob} (class probabilities) with {@code mlogloss}, {@code reg:squarederror} with {@code rmse}.
 * Early stopping watches the first evaluation metric on the validation set and keeps the best iteration by
 * retraining to it (see {@link XGBoostRun}). Missing values ({@code NaN}) are routed down each split's learned
 * default branch.
 *
 * <p>The same data, settings, seed and thread count give a byte-identical model.
 */
public final class XGBoostTrainer implements Trainer {

    /** The defaults this trainer sets beyond XGBoost's own; {@code TrainerSettings.params} override them. */
    public static final Map<String, Object> DEFAULTS = Map.of("tree_method", "hist");

    private final XGBoostRun run = new XGBoostRun("xgboost", "gbtree", DEFAULTS);

    @Override
    public String name() {
        return "xgboost";
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
