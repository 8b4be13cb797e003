package dev.gyre.model.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import dev.gyre.model.features.FeatureMatrix;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The trivial model every real one is compared with: it ignores the features and always answers the training
 * data's class shares (classification) or mean (regression).
 *
 * <p>A "majority class" baseline that answered a hard 0/1 would have no usable probabilities; this one answers the
 * prior, whose most probable class is the majority class. Consequences worth knowing when reading its metrics: its
 * AUC is exactly 0.5 (every row gets the same score), its log loss on data with the training class mix is that mix's
 * entropy, and its accuracy is the majority share. For regression its RMSE is the standard deviation of the target
 * around the training mean.
 *
 * <p>Serialized as a few lines of JSON ({@code {"format":"gyre-baseline","version":1,...}}). Immutable and holds no
 * native memory, so it is thread safe and {@link #close()} does nothing.
 */
public final class BaselinePredictor implements Predictor {

    /** The {@link Predictor#kind()} of baselines. */
    public static final String KIND = "baseline";

    /** Baselines serialize as JSON. */
    public static final String FORMAT = "json";

    private static final String FORMAT_NAME = "gyre-baseline";
    private static final int VERSION = 1;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Task task;
    private final int featureCount;
    private final double[] constant;
    private final byte[] bytes;

    private BaselinePredictor(Task task, int featureCount, double[] constant) {
        this.task = task;
        this.featureCount = featureCount;
        this.constant = constant;
        this.bytes = write(new Stored(FORMAT_NAME, VERSION, task.label(), featureCount, toList(constant)));
    }

    /**
     * A classifier that answers {@code shares} (the probability of class 0, 1, …, summing to 1) for every row.
     *
     * @param task {@link Task#BINARY} (two shares) or {@link Task#MULTICLASS} (at least two)
     * @param featureCount the width of the matrices it will be asked to score
     */
    public static BaselinePredictor ofClassShares(Task task, int featureCount, double[] shares) {
        if (!task.classification()) {
            throw GyreException.invalid("class shares make a classification baseline, not a " + task.label() + " one");
        }
        checkFeatureCount(featureCount);
        double[] copy = shares.clone();
        if (task == Task.BINARY ? copy.length != 2 : copy.length < 2) {
            throw GyreException.invalid("a " + task.label() + " baseline needs "
                    + (task == Task.BINARY ? "2" : "at least 2") + " class shares, not " + copy.length);
        }
        double sum = 0;
        for (double share : copy) {
            if (!(share >= 0 && share <= 1)) {
                throw GyreException.invalid("class shares must lie in [0, 1]: " + Arrays.toString(copy));
            }
            sum += share;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw GyreException.invalid("class shares must sum to 1, not " + sum);
        }
        return new BaselinePredictor(task, featureCount, copy);
    }

    /** A regressor that answers {@code mean} (finite) for every row. */
    public static BaselinePredictor ofMean(int featureCount, double mean) {
        checkFeatureCount(featureCount);
        if (!Double.isFinite(mean)) {
            throw GyreException.invalid("the baseline mean must be finite, not " + mean);
        }
        return new BaselinePredictor(Task.REGRESSION, featureCount, new double[] {mean});
    }

    /** Reads a baseline written by {@link #serialize()}; {@code GyreException} if it is malformed or for another task. */
    public static BaselinePredictor load(byte[] json, Task task) {
        Objects.requireNonNull(task, "task");
        Stored stored;
        try {
            stored = JSON.readValue(json, Stored.class);
        } catch (java.io.IOException e) {
            throw new GyreException(
                    ErrorCode.INVALID_PARAMETER_VALUE, "the bytes are not a Gyre baseline model: " + e.getMessage(), e);
        }
        if (!FORMAT_NAME.equals(stored.format()) || stored.version() != VERSION) {
            throw GyreException.invalid("not a Gyre baseline model of version " + VERSION + " (format '"
                    + stored.format() + "', version " + stored.version() + ")");
        }
        if (!task.label().equals(stored.task())) {
            throw GyreException.invalid(
                    "the baseline model was trained for a " + stored.task() + " task, not " + task.label());
        }
        if (stored.values() == null || stored.values().isEmpty()) {
            throw GyreException.invalid("the baseline model has no values");
        }
        double[] values =
                stored.values().stream().mapToDouble(Double::doubleValue).toArray();
        return task == Task.REGRESSION
                ? ofMean(stored.featureCount(), values[0])
                : ofClassShares(task, stored.featureCount(), values);
    }

    private static void checkFeatureCount(int featureCount) {
        if (featureCount < 0) {
            throw GyreException.invalid("the feature count cannot be negative: " + featureCount);
        }
    }

    /** The constant answer: the class shares (classification) or the one-element mean (regression); a copy. */
    public double[] constant() {
        return constant.clone();
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
        return task.classification() ? constant.length : 0;
    }

    @Override
    public Scores predict(FeatureMatrix features) {
        if (features.width() != featureCount) {
            throw GyreException.invalid(
                    "the model expects " + featureCount + " features, the matrix has " + features.width());
        }
        double[] row = task == Task.BINARY ? new double[] {constant[1]} : constant;
        double[] values = new double[features.rows() * row.length];
        for (int r = 0; r < features.rows(); r++) {
            System.arraycopy(row, 0, values, r * row.length, row.length);
        }
        return new Scores(task, features.rows(), row.length, values);
    }

    @Override
    public byte[] serialize() {
        return bytes.clone();
    }

    @Override
    public void close() {
        // Nothing native to release.
    }

    private static List<Double> toList(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static byte[] write(Stored stored) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(stored);
        } catch (JacksonException e) {
            throw new IllegalStateException("could not write a baseline model", e);
        }
    }

    /** The JSON form, field order fixed so the same baseline always gives the same bytes. */
    private record Stored(
            @JsonProperty("format") String format,
            @JsonProperty("version") int version,
            @JsonProperty("task") String task,
            @JsonProperty("feature_count") int featureCount,
            @JsonProperty("values") List<Double> values) {}
}
