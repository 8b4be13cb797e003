package dev.gyre.model.runtime;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import dev.gyre.model.features.FeatureMatrix;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * An XGBoost model (tree or linear booster) behind the {@link Predictor} seam, serialized as XGBoost's own UBJSON
 * model format so any XGBoost binding (Python, R, C) can read what Gyre writes.
 *
 * <p>Thread safety: XGBoost documents prediction as thread safe since 1.4 for the tree boosters ({@code gbtree},
 * {@code dart}) and makes no such promise for {@code gblinear} (see "Thread Safety" in XGBoost's prediction guide). So
 * tree models predict concurrently under a shared lock, while linear models and models whose booster is unknown
 * predict one call at a time. {@link #close()} takes the lock exclusively, so the native booster is never freed under
 * a running prediction.
 *
 * <p>The task and booster type travel as model attributes ({@value #TASK_ATTRIBUTE}, {@value #BOOSTER_ATTRIBUTE}),
 * so loading a model with the wrong task fails instead of producing scores with the wrong meaning.
 */
public final class XGBoostPredictor implements Predictor {

    /** The {@link Predictor#kind()} of XGBoost models. */
    public static final String KIND = "xgboost";

    /** XGBoost's Universal Binary JSON model format. */
    public static final String FORMAT = "ubj";

    /** Model attribute holding the {@link Task#label()} the model was trained for. */
    public static final String TASK_ATTRIBUTE = "gyre_task";

    /** Model attribute holding the XGBoost booster type ({@code gbtree}, {@code gblinear}, {@code dart}). */
    public static final String BOOSTER_ATTRIBUTE = "gyre_booster";

    private final Booster booster;
    private final Task task;
    private final int featureCount;
    private final int width;
    private final boolean concurrentPredictions;
    private final byte[] bytes;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private XGBoostPredictor(Booster booster, Task task, byte[] bytes) throws XGBoostError {
        this.booster = booster;
        this.task = task;
        this.bytes = bytes;
        this.featureCount = Math.toIntExact(booster.getNumFeature());
        String type = booster.getAttr(BOOSTER_ATTRIBUTE);
        this.concurrentPredictions = "gbtree".equals(type) || "dart".equals(type);
        this.width = probeWidth(booster, featureCount);
        checkWidth(task, width);
    }

    /**
     * Reads a model written by {@link #serialize()} (or any XGBoost UBJSON/JSON model) for {@code task};
     * {@code GyreException} (invalid parameter) when the bytes are no XGBoost model or the model was trained for
     * another task. The caller closes the predictor.
     */
    public static XGBoostPredictor load(byte[] ubj, Task task) {
        return load(ubj, task, 0);
    }

    /** As {@link #load(byte[], Task)}, predicting with at most {@code threads} OpenMP threads (0: all cores). */
    public static XGBoostPredictor load(byte[] ubj, Task task, int threads) {
        Objects.requireNonNull(ubj, "ubj");
        Objects.requireNonNull(task, "task");
        Booster booster;
        try {
            booster = XGBoost.loadModel(ubj);
        } catch (XGBoostError | IOException | RuntimeException e) {
            throw new GyreException(
                    ErrorCode.INVALID_PARAMETER_VALUE,
                    "the bytes are not an XGBoost model: " + XGBoostErrors.summary(e),
                    e);
        }
        if (threads > 0) {
            try {
                booster.setParam("nthread", threads);
            } catch (XGBoostError e) {
                booster.dispose();
                throw new GyreException(ErrorCode.INTERNAL_ERROR, "cannot set XGBoost's thread count", e);
            }
        }
        return wrap(booster, task, ubj.clone());
    }

    /**
     * Takes ownership of a freshly trained {@code booster}: records {@code task} and {@code boosterType} as model
     * attributes, serializes the model once (UBJSON) and answers a predictor over it. The booster must not be used
     * or disposed by the caller afterwards; closing the predictor disposes it (also when this method fails).
     */
    public static XGBoostPredictor adopt(Booster booster, Task task, String boosterType) {
        Objects.requireNonNull(booster, "booster");
        Objects.requireNonNull(task, "task");
        try {
            booster.setAttr(TASK_ATTRIBUTE, task.label());
            booster.setAttr(BOOSTER_ATTRIBUTE, boosterType);
            return wrap(booster, task, booster.toByteArray(FORMAT));
        } catch (XGBoostError | RuntimeException e) {
            booster.dispose();
            throw new GyreException(
                    ErrorCode.INTERNAL_ERROR, "could not serialize the XGBoost model: " + XGBoostErrors.summary(e), e);
        }
    }

    private static XGBoostPredictor wrap(Booster booster, Task task, byte[] bytes) {
        try {
            String trainedFor = booster.getAttr(TASK_ATTRIBUTE);
            if (trainedFor != null && !trainedFor.equals(task.label())) {
                throw GyreException.invalid(
                        "the XGBoost model was trained for a " + trainedFor + " task, not " + task.label());
            }
            return new XGBoostPredictor(booster, task, bytes);
        } catch (XGBoostError e) {
            booster.dispose();
            throw new GyreException(
                    ErrorCode.INVALID_PARAMETER_VALUE,
                    "the XGBoost model cannot be used: " + XGBoostErrors.summary(e),
                    e);
        } catch (RuntimeException e) {
            booster.dispose();
            throw e;
        }
    }

    /** The number of values per row the model outputs, found by scoring one row of missing values. */
    private static int probeWidth(Booster booster, int featureCount) throws XGBoostError {
        float[] missing = new float[Math.max(featureCount, 1)];
        Arrays.fill(missing, Float.NaN);
        DMatrix probe = new DMatrix(missing, 1, missing.length, Float.NaN);
        try {
            return booster.predict(probe)[0].length;
        } finally {
            probe.dispose();
        }
    }

    private static void checkWidth(Task task, int width) {
        boolean fits = task == Task.MULTICLASS ? width >= 2 : width == 1;
        if (!fits) {
            throw GyreException.invalid("the XGBoost model outputs " + width + " values per row, which does not fit a "
                    + task.label() + " task (multiclass models must use objective multi:softprob)");
        }
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int featureCount() {
        return featureCount;
    }

    @Override
    public int classCount() {
        return switch (task) {
            case BINARY -> 2;
            case MULTICLASS -> width;
            case REGRESSION -> 0;
        };
    }

    /** Whether predictions run concurrently (tree boosters) rather than one at a time (see the class comment). */
    public boolean concurrentPredictions() {
        return concurrentPredictions;
    }

    @Override
    public Scores predict(FeatureMatrix features) {
        if (features.width() != featureCount) {
            throw GyreException.invalid(
                    "the model expects " + featureCount + " features, the matrix has " + features.width());
        }
        if (features.rows() == 0) {
            return new Scores(task, 0, width, new double[0]);
        }
        Lock held = concurrentPredictions ? lock.readLock() : lock.writeLock();
        held.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the XGBoost predictor is closed");
            }
            return new Scores(task, features.rows(), width, flatten(predictRaw(features), width));
        } finally {
            held.unlock();
        }
    }

    private float[][] predictRaw(FeatureMatrix features) {
        try {
            if (concurrentPredictions) {
                // Thread-safe and without a DMatrix (Booster.predict is synchronized in 3.0.x); tree boosters only.
                return booster.inplace_predict(features.values(), features.rows(), features.width(), Float.NaN);
            }
            DMatrix matrix = new DMatrix(features.values(), features.rows(), features.width(), Float.NaN);
            try {
                return booster.predict(matrix);
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new GyreException(
                    ErrorCode.INTERNAL_ERROR, "XGBoost prediction failed: " + XGBoostErrors.summary(e), e);
        }
    }

    private static double[] flatten(float[][] raw, int width) {
        double[] values = new double[raw.length * width];
        for (int row = 0; row < raw.length; row++) {
            for (int k = 0; k < width; k++) {
                values[row * width + k] = raw[row][k];
            }
        }
        return values;
    }

    @Override
    public byte[] serialize() {
        return bytes.clone();
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                booster.dispose();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
