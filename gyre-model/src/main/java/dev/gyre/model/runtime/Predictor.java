package dev.gyre.model.runtime;

import dev.gyre.model.Task;
import dev.gyre.model.features.FeatureMatrix;

/**
 * A trained model ready to score feature matrices: the one seam through which evaluation, the model package and
 * serving use a model, whatever library made it (XGBoost, the baselines, later ONNX). A predictor is made by a
 * trainer or read back with {@link Predictors#load}; it never changes after that.
 *
 * <p>Thread safety: {@link #predict} may be called from many threads at once. Implementations holding native memory
 * release it in {@link #close}; predicting after close fails with {@link IllegalStateException}, and close waits for
 * predictions in flight. Whoever created or loaded the predictor closes it.
 */
public interface Predictor extends AutoCloseable {

    /** The task the model answers; it fixes the shape of the {@link Scores}. */
    Task task();

    /** The runtime, the key {@link Predictors#load} takes: {@code xgboost}, {@code baseline}. */
    String kind();

    /** The serialization format of {@link #serialize()}, e.g. {@code ubj} (XGBoost's Universal Binary JSON), {@code json}. */
    String format();

    /** Number of feature columns the model expects; {@link #predict} rejects matrices of another width. */
    int featureCount();

    /**
     * Number of classes the model tells apart: 2 for binary, k for multiclass, 0 for regression. The width of the
     * scores is 1 for binary and regression and k for multiclass.
     */
    int classCount();

    /**
     * Scores every row of {@code features}, which must have {@link #featureCount()} columns ({@code GyreException}
     * with code {@code INVALID_PARAMETER_VALUE} otherwise). A matrix of 0 rows gives scores of 0 rows.
     */
    Scores predict(FeatureMatrix features);

    /**
     * The model in {@link #format()}, such that {@code Predictors.load(kind(), serialize(), task())} scores exactly as
     * this predictor does. Always the same bytes for the same predictor; a fresh array on each call.
     */
    byte[] serialize();

    /** Releases the model's native memory, if any; idempotent. */
    @Override
    void close();
}
