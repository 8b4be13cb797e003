package dev.gyre.serve.runtime;

import dev.gyre.serve.tensor.TensorSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a served model takes and gives, in the Open Inference Protocol's terms (its model metadata response), so that
 * every protocol validates requests against the same declaration.
 *
 * @param platform the runtime, e.g. {@code gyre_package}, {@code xgboost_ubj}, {@code onnxruntime_onnx}
 * @param inputs the inputs, in the order the model reads them
 * @param outputs the outputs, in the order the model gives them
 * @param tabular whether the inputs are the columns of a table (one 1-D tensor per column, as a Gyre package takes
 *     them) rather than one feature matrix; decides how the MLflow protocol's data frames map onto inputs
 */
public record ModelMetadata(String platform, List<TensorSpec> inputs, List<TensorSpec> outputs, boolean tabular) {

    public ModelMetadata {
        Objects.requireNonNull(platform, "platform");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The input with this name. */
    public Optional<TensorSpec> input(String name) {
        return find(inputs, name);
    }

    /** The output with this name. */
    public Optional<TensorSpec> output(String name) {
        return find(outputs, name);
    }

    /** A plain loop: this runs for every input of every request. */
    private static Optional<TensorSpec> find(List<TensorSpec> specs, String name) {
        for (TensorSpec spec : specs) {
            if (spec.name().equals(name)) {
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }
}
