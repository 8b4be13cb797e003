package dev.gyre.serve.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a model declares for one input or output, as the Open Inference Protocol's model metadata does: a name, a
 * datatype and a shape in which {@code -1} stands for a dimension of any size (the batch dimension always).
 *
 * @param name the tensor name
 * @param datatype the element type the model takes or gives
 * @param shape the dimensions, {@code -1} for any size
 * @param missingAllowed whether NaN (or a null text) may appear: a Gyre package imputes, XGBoost routes missing
 *     values, an ONNX graph usually cannot
 */
public record TensorSpec(String name, Datatype datatype, long[] shape, boolean missingAllowed) {

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
        Objects.requireNonNull(shape, "shape");
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The shape as the protocol writes it, e.g. {@code [-1, 8]}. */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorSpec spec
                && name.equals(spec.name)
                && datatype == spec.datatype
                && Arrays.equals(shape, spec.shape)
                && missingAllowed == spec.missingAllowed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, datatype, Arrays.hashCode(shape), missingAllowed);
    }

    @Override
    public String toString() {
        return name + " " + datatype + " " + shapeText();
    }
}
