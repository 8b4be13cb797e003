package dev.gyre.model.runtime;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import java.util.List;
import java.util.Objects;

/**
 * Reads any serialized model back into a {@link Predictor} by its {@link Predictor#kind()}: the single entry point
 * the model package and serving use, so adding a runtime (ONNX next) means adding one case here.
 */
public final class Predictors {

    /** The kinds {@link #load} understands. */
    public static final List<String> KINDS = List.of(XGBoostPredictor.KIND, BaselinePredictor.KIND);

    private Predictors() {}

    /**
     * The predictor {@code kind} serialized as {@code bytes}, for {@code task}. {@code GyreException} (invalid
     * parameter) for an unknown kind, malformed bytes or a model made for another task. The caller closes it.
     */
    public static Predictor load(String kind, byte[] bytes, Task task) {
        return load(kind, bytes, task, 0);
    }

    /**
     * As {@link #load(String, byte[], Task)}, with at most {@code threads} native threads per prediction (0: the
     * library's default, all cores). A server scoring on many request threads wants 1: each calling thread gets its
     * own OpenMP team otherwise, and the teams fight over the cores.
     */
    public static Predictor load(String kind, byte[] bytes, Task task, int threads) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(task, "task");
        return switch (kind == null ? "" : kind) {
            case XGBoostPredictor.KIND -> XGBoostPredictor.load(bytes, task, threads);
            case BaselinePredictor.KIND -> BaselinePredictor.load(bytes, task);
            default ->
                throw GyreException.invalid(
                        "unknown model kind '" + kind + "' (expected one of " + String.join(", ", KINDS) + ")");
        };
    }
}
