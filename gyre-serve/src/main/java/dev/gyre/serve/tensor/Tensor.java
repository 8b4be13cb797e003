package dev.gyre.serve.tensor;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A named tensor of the Open Inference Protocol: datatype, shape and flat row-major data. The first dimension is the
 * batch (rows), which is what the batcher joins and splits along.
 *
 * @param name the input or output name
 * @param datatype the element type
 * @param shape the dimensions; their product is the number of elements
 * @param data the elements, in the representation of {@code datatype}
 * @param parameters the tensor's protocol parameters (e.g. {@code content_type}); empty when none
 */
public record Tensor(String name, Datatype datatype, long[] shape, TensorData data, Map<String, Object> parameters) {

    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        parameters = parameters == null ? Map.of() : parameters;
    }

    /** A tensor without parameters. */
    public static Tensor of(String name, Datatype datatype, long[] shape, TensorData data) {
        return new Tensor(name, datatype, shape, data, Map.of());
    }

    /** The number of elements the shape describes, or -1 when a dimension is negative or the product overflows. */
    public static long elementCount(long[] shape) {
        long count = 1;
        for (long dimension : shape) {
            if (dimension < 0) {
                return -1;
            }
            try {
                count = Math.multiplyExact(count, dimension);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return count;
    }

    /** The batch size: the first dimension (1 for a scalar). */
    public int rows() {
        return shape.length == 0 ? 1 : Math.toIntExact(shape[0]);
    }

    /** Elements per row: the product of the dimensions after the first. */
    public int rowWidth() {
        long width = 1;
        for (int i = 1; i < shape.length; i++) {
            width *= shape[i];
        }
        return Math.toIntExact(width);
    }

    /** Rows {@code [from, to)} as a tensor of the same name, type and trailing dimensions. */
    public Tensor rows(int from, int to) {
        long[] sliced = shape.clone();
        sliced[0] = to - from;
        int width = rowWidth();
        return new Tensor(name, datatype, sliced, data.slice(from * width, to * width), parameters);
    }

    @Override
    public String toString() {
        return "Tensor[" + name + ", " + datatype + ", " + Arrays.toString(shape) + "]";
    }
}
