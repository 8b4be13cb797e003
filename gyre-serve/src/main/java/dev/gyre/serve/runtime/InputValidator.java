package dev.gyre.serve.runtime;

import dev.gyre.core.error.GyreException;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.serve.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a request's input tensors against a model's {@link ModelMetadata} before anything is scored, and says
 * exactly what is wrong: an unknown, missing or repeated input; a datatype the model cannot take; a shape that does
 * not fit; inputs with different numbers of rows; NaN or null where the model accepts no missing values.
 *
 * <p>Numbers are converted where nothing is lost in meaning: any numeric or boolean tensor is accepted for a
 * floating-point input (JSON clients write {@code 1} for {@code 1.0}), so is an integer tensor for a wider integer
 * input. Text is never turned into numbers. A 1-D input of a tabular model also accepts a {@code [rows, 1]} tensor.
 */
public final class InputValidator {

    private InputValidator() {}

    /**
     * The inputs in the model's declaration order, converted to the declared datatypes; {@code GyreException}
     * ({@code INVALID_PARAMETER_VALUE}) naming the first problem otherwise.
     */
    public static List<Tensor> validate(ModelMetadata metadata, List<Tensor> inputs) {
        Map<String, Tensor> byName = new HashMap<>();
        for (Tensor input : inputs) {
            if (metadata.input(input.name()).isEmpty()) {
                throw GyreException.invalid(
                        "unknown input '" + input.name() + "'; the model takes " + names(metadata.inputs()));
            }
            if (byName.put(input.name(), input) != null) {
                throw GyreException.invalid("input '" + input.name() + "' is given more than once");
            }
        }
        List<Tensor> ordered = new ArrayList<>(metadata.inputs().size());
        int rows = -1;
        String rowsFrom = null;
        for (TensorSpec spec : metadata.inputs()) {
            Tensor input = byName.get(spec.name());
            if (input == null) {
                throw GyreException.invalid("missing input '" + spec.name() + "' (" + spec.datatype() + " "
                        + spec.shapeText() + "); the model takes " + names(metadata.inputs()));
            }
            Tensor checked = checkShape(spec, convert(spec, input));
            if (rows >= 0 && checked.rows() != rows) {
                throw GyreException.invalid("input '" + spec.name() + "' has " + checked.rows() + " rows but input '"
                        + rowsFrom + "' has " + rows + "; all inputs must have the same number of rows");
            }
            rows = checked.rows();
            rowsFrom = spec.name();
            if (!spec.missingAllowed()) {
                checkPresent(spec, checked);
            }
            ordered.add(checked);
        }
        return ordered;
    }

    private static Tensor checkShape(TensorSpec spec, Tensor input) {
        long[] declared = spec.shape();
        long[] shape = input.shape();
        if (shape.length == 0) {
            throw GyreException.invalid("input '" + spec.name() + "' is a scalar; the model takes shape "
                    + spec.shapeText() + " with the batch (rows) first");
        }
        if (declared.length == 1 && shape.length == 2 && shape[1] == 1) {
            long[] flat = {shape[0]};
            return new Tensor(input.name(), input.datatype(), flat, input.data(), input.parameters());
        }
        boolean fits = declared.length == shape.length;
        for (int i = 0; fits && i < declared.length; i++) {
            fits = declared[i] < 0 || declared[i] == shape[i];
        }
        if (!fits) {
            throw GyreException.invalid("input '" + spec.name() + "' has shape " + java.util.Arrays.toString(shape)
                    + " but the model takes " + spec.shapeText() + " (-1: any size)");
        }
        return input;
    }

    private static Tensor convert(TensorSpec spec, Tensor input) {
        Datatype want = spec.datatype();
        Datatype have = input.datatype();
        if (want == have) {
            return input;
        }
        TensorData data = input.data();
        TensorData converted =
                switch (want) {
                    case FP64 -> convertible(have) ? new TensorData.Doubles(doubles(data)) : null;
                    case FP32, FP16 -> convertible(have) ? new TensorData.Floats(floats(data)) : null;
                    case INT64 ->
                        data instanceof TensorData.Ints ints && have != Datatype.UINT32
                                ? new TensorData.Longs(longs(ints.values()))
                                : null;
                    default -> null;
                };
        if (converted == null) {
            throw GyreException.invalid(
                    "input '" + spec.name() + "' has datatype " + have + " but the model takes " + want);
        }
        return new Tensor(input.name(), want, input.shape(), converted, input.parameters());
    }

    private static boolean convertible(Datatype have) {
        return have.numeric() || have == Datatype.BOOL;
    }

    private static double[] doubles(TensorData data) {
        double[] values = new double[data.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.doubleAt(i);
        }
        return values;
    }

    private static float[] floats(TensorData data) {
        float[] values = new float[data.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) data.doubleAt(i);
        }
        return values;
    }

    private static long[] longs(int[] ints) {
        long[] values = new long[ints.length];
        for (int i = 0; i < ints.length; i++) {
            values[i] = ints[i];
        }
        return values;
    }

    private static void checkPresent(TensorSpec spec, Tensor input) {
        int width = Math.max(input.rowWidth(), 1);
        switch (input.data()) {
            case TensorData.Doubles d -> {
                for (int i = 0; i < d.values().length; i++) {
                    if (Double.isNaN(d.values()[i])) {
                        throw missing(spec, i / width);
                    }
                }
            }
            case TensorData.Floats f -> {
                for (int i = 0; i < f.values().length; i++) {
                    if (Float.isNaN(f.values()[i])) {
                        throw missing(spec, i / width);
                    }
                }
            }
            case TensorData.Texts t -> {
                for (int i = 0; i < t.values().length; i++) {
                    if (t.values()[i] == null) {
                        throw missing(spec, i / width);
                    }
                }
            }
            default -> {}
        }
    }

    private static GyreException missing(TensorSpec spec, int row) {
        return GyreException.invalid("input '" + spec.name() + "' has a missing value (NaN or null) in row " + row
                + ", which this model does not accept");
    }

    private static String names(List<TensorSpec> specs) {
        return specs.size() > 12
                ? specs.size() + " inputs: "
                        + specs.subList(0, 12).stream().map(TensorSpec::name).collect(Collectors.joining(", "))
                        + ", …"
                : specs.stream().map(TensorSpec::toString).collect(Collectors.joining(", "));
    }
}
