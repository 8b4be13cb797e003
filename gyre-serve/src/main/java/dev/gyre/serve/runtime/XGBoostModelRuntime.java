package dev.gyre.serve.runtime;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.model.runtime.XGBoostErrors;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.serve.tensor.TensorSpec;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A bare XGBoost model file (UBJSON or JSON, as any XGBoost binding saves it) served on its feature matrix: one input
 * {@value #INPUT} of shape {@code [-1, features]} ({@code FP32}, NaN for missing) and one output {@value #OUTPUT}:
 * {@code [-1]} for one value per row (a probability for {@code binary:logistic}, a number for regression) or
 * {@code [-1, k]} for k class probabilities.
 *
 * <p>Tree models predict with {@code inplace_predict}, which XGBoost makes thread-safe and which needs no DMatrix, with one
 * OpenMP thread per call ({@code nthread=1}): the server's request threads already use the cores, and a team of
 * OpenMP threads per calling thread only competes with them. Closing waits for predictions in flight.
 */
public final class XGBoostModelRuntime implements ModelRuntime {

    /** The {@link ModelMetadata#platform()} of bare XGBoost models. */
    public static final String PLATFORM = "xgboost_ubj";

    /** The input name, as MLServer's XGBoost runtime calls it. */
    public static final String INPUT = "input-0";

    /** The output name, as MLServer's XGBoost runtime calls it. */
    public static final String OUTPUT = "predict";

    private final Booster booster;
    private final int features;
    private final int width;
    private final boolean inplace;
    private final ModelMetadata metadata;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private XGBoostModelRuntime(Booster booster) throws XGBoostError {
        this.booster = booster;
        this.features = Math.toIntExact(booster.getNumFeature());
        float[] missing = new float[Math.max(features, 1)];
        Arrays.fill(missing, Float.NaN);
        this.inplace = supportsInplace(booster, missing);
        this.width = predict(booster, inplace, missing, 1, missing.length)[0].length;
        long[] outputShape = width == 1 ? new long[] {-1} : new long[] {-1, width};
        this.metadata = new ModelMetadata(
                PLATFORM,
                List.of(new TensorSpec(INPUT, Datatype.FP32, new long[] {-1, features}, true)),
                List.of(new TensorSpec(OUTPUT, Datatype.FP32, outputShape, false)),
                false);
    }

    /** Loads a model from its saved bytes; {@code GyreException} (invalid parameter) if they are no XGBoost model. */
    public static XGBoostModelRuntime load(byte[] model) {
        Booster booster;
        try {
            booster = XGBoost.loadModel(model);
        } catch (XGBoostError | IOException | RuntimeException e) {
            throw new GyreException(
                    ErrorCode.INVALID_PARAMETER_VALUE,
                    "the file is not an XGBoost model: " + XGBoostErrors.summary(e),
                    e);
        }
        try {
            booster.setParam("nthread", 1);
            return new XGBoostModelRuntime(booster);
        } catch (XGBoostError | RuntimeException e) {
            booster.dispose();
            throw new GyreException(
                    ErrorCode.INVALID_PARAMETER_VALUE,
                    "the XGBoost model cannot be served: " + XGBoostErrors.summary(e),
                    e);
        }
    }

    /** Tree boosters predict in place; {@code gblinear} cannot, and goes through a DMatrix (one call at a time). */
    private static boolean supportsInplace(Booster booster, float[] row) {
        try {
            booster.inplace_predict(row, 1, row.length, Float.NaN);
            return true;
        } catch (XGBoostError e) {
            return false;
        }
    }

    private static float[][] predict(Booster booster, boolean inplace, float[] values, int rows, int width)
            throws XGBoostError {
        if (inplace) {
            return booster.inplace_predict(values, rows, width, Float.NaN);
        }
        DMatrix matrix = new DMatrix(values, rows, width, Float.NaN);
        try {
            return booster.predict(matrix);
        } finally {
            matrix.dispose();
        }
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public List<Tensor> infer(List<Tensor> inputs) {
        Tensor input = inputs.getFirst();
        float[] values = ((TensorData.Floats) input.data()).values();
        int rows = input.rows();
        float[] out = new float[rows * width];
        if (rows > 0) {
            lock.readLock().lock();
            try {
                if (closed) {
                    throw new IllegalStateException("the XGBoost model is closed");
                }
                float[][] predictions = predict(booster, inplace, values, rows, features);
                for (int row = 0; row < rows; row++) {
                    System.arraycopy(predictions[row], 0, out, row * width, width);
                }
            } catch (XGBoostError e) {
                throw new GyreException(
                        ErrorCode.INTERNAL_ERROR, "XGBoost prediction failed: " + XGBoostErrors.summary(e), e);
            } finally {
                lock.readLock().unlock();
            }
        }
        long[] shape = width == 1 ? new long[] {rows} : new long[] {rows, width};
        return List.of(Tensor.of(OUTPUT, Datatype.FP32, shape, new TensorData.Floats(out)));
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
