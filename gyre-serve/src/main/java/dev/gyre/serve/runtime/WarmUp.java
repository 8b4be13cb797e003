package dev.gyre.serve.runtime;

import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.serve.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores one made-up row before a model takes traffic, so that the first real request does not pay for lazy
 * initialisation (native libraries, thread pools, JIT of the scoring path), and so that a model that cannot score at
 * all fails at load time rather than on a user's request. The row is missing values where the model accepts them,
 * zeros (false, empty text) elsewhere.
 */
public final class WarmUp {

    private WarmUp() {}

    /** Scores {@code rounds} one-row batches; lets any failure propagate. */
    public static void run(ModelRuntime runtime, int rounds) {
        List<Tensor> row = row(runtime.metadata());
        for (int i = 0; i < rounds; i++) {
            runtime.infer(row);
        }
    }

    /** One row for every input of {@code metadata}. */
    public static List<Tensor> row(ModelMetadata metadata) {
        List<Tensor> inputs = new ArrayList<>(metadata.inputs().size());
        for (TensorSpec spec : metadata.inputs()) {
            long[] shape = spec.shape();
            shape[0] = 1;
            for (int i = 1; i < shape.length; i++) {
                shape[i] = Math.max(shape[i], 1);
            }
            int size = Math.toIntExact(Tensor.elementCount(shape));
            inputs.add(Tensor.of(spec.name(), spec.datatype(), shape, data(spec, size)));
        }
        return inputs;
    }

    private static TensorData data(TensorSpec spec, int size) {
        Datatype type = spec.datatype();
        return switch (type) {
            case BOOL -> new TensorData.Bools(new boolean[size]);
            case FP64 -> new TensorData.Doubles(filled(size, spec.missingAllowed() ? Double.NaN : 0));
            case FP32, FP16 -> {
                float[] values = new float[size];
                Arrays.fill(values, spec.missingAllowed() ? Float.NaN : 0);
                yield new TensorData.Floats(values);
            }
            case INT64, UINT32, UINT64 -> new TensorData.Longs(new long[size]);
            case BYTES -> {
                String[] values = new String[size];
                Arrays.fill(values, spec.missingAllowed() ? null : "");
                yield new TensorData.Texts(values);
            }
            default -> new TensorData.Ints(new int[size]);
        };
    }

    private static double[] filled(int size, double value) {
        double[] values = new double[size];
        Arrays.fill(values, value);
        return values;
    }
}
