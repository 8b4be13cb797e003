package dev.gyre.serve.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.serve.tensor.TensorSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serves the tiny models of {@code src/test/resources/onnx} (see its README) through the real ONNX Runtime. */
class OnnxModelRuntimeTest {

    /** The weights of logistic.onnx, as make_models.py writes them. */
    private static final float[] LOGISTIC_W = {0.5f, -1.25f, 2.0f, 0.75f};

    private static final float LOGISTIC_B = -0.3f;

    @Test
    void logisticMetadataDeclaresTheGraphsTensorsWithAnyBatchSize() {
        try (OnnxModelRuntime runtime = load("logistic.onnx")) {
            ModelMetadata metadata = runtime.metadata();
            assertThat(metadata.platform()).isEqualTo(OnnxModelRuntime.PLATFORM).isEqualTo("onnxruntime_onnx");
            assertThat(metadata.tabular()).isFalse();
            assertThat(metadata.inputs())
                    .containsExactly(new TensorSpec("x", Datatype.FP32, new long[] {-1, 4}, false));
            assertThat(metadata.outputs())
                    .containsExactly(new TensorSpec("probability", Datatype.FP32, new long[] {-1, 1}, false));
        }
    }

    @Test
    void logisticScoresABatchAsTheWeightsSay() {
        float[] x = {0, 0, 0, 0, 1, 2, 3, 4, -1.5f, 0.25f, 0.5f, 2, 10, -10, 0.1f, -0.1f, 0.3f, 0.3f, -0.7f, 1.1f};
        try (OnnxModelRuntime runtime = load("logistic.onnx")) {
            List<Tensor> outputs = runtime.infer(List.of(floats("x", x, 5, 4)));

            assertThat(outputs).hasSize(1);
            Tensor probability = outputs.getFirst();
            assertThat(probability.name()).isEqualTo("probability");
            assertThat(probability.datatype()).isEqualTo(Datatype.FP32);
            assertThat(probability.shape()).containsExactly(5, 1);
            assertProbabilities(probability, x);
        }
    }

    @Test
    void logisticScoresOneRow() {
        float[] x = {0.2f, -0.4f, 1.5f, 3};
        try (OnnxModelRuntime runtime = load("logistic.onnx")) {
            Tensor probability = runtime.infer(List.of(floats("x", x, 1, 4))).getFirst();

            assertThat(probability.shape()).containsExactly(1, 1);
            assertProbabilities(probability, x);
        }
    }

    @Test
    void anEmptyBatchGivesEmptyOutputs() {
        try (OnnxModelRuntime runtime = load("logistic.onnx")) {
            Tensor probability =
                    runtime.infer(List.of(floats("x", new float[0], 0, 4))).getFirst();

            assertThat(probability.shape()).containsExactly(0, 1);
            assertThat(probability.data().length()).isZero();
        }
    }

    @Test
    void aModelFileLoadsFromItsPath() throws URISyntaxException {
        Path path = Path.of(
                OnnxModelRuntimeTest.class.getResource("/onnx/logistic.onnx").toURI());
        float[] x = {1, 1, 1, 1};
        try (OnnxModelRuntime runtime = OnnxModelRuntime.load(path, 1)) {
            assertProbabilities(runtime.infer(List.of(floats("x", x, 1, 4))).getFirst(), x);
        }
    }

    @Test
    void mixedTypesGiveBothOutputsInDeclarationOrder() {
        try (OnnxModelRuntime runtime = load("mixed.onnx")) {
            ModelMetadata metadata = runtime.metadata();
            assertThat(metadata.inputs())
                    .containsExactly(
                            new TensorSpec("a", Datatype.FP64, new long[] {-1, 2}, false),
                            new TensorSpec("b", Datatype.INT64, new long[] {-1, 1}, false));
            assertThat(metadata.outputs())
                    .containsExactly(
                            new TensorSpec("sum", Datatype.FP64, new long[] {-1, 1}, false),
                            new TensorSpec("is_big", Datatype.BOOL, new long[] {-1, 1}, false));

            double[] a = {1.5, 2.25, -3, 4, 0.1, 0.2};
            long[] b = {0, 7, -1};
            List<Tensor> outputs = runtime.infer(List.of(
                    Tensor.of("a", Datatype.FP64, new long[] {3, 2}, new TensorData.Doubles(a)),
                    Tensor.of("b", Datatype.INT64, new long[] {3, 1}, new TensorData.Longs(b))));

            assertThat(outputs).extracting(Tensor::name).containsExactly("sum", "is_big");
            Tensor sum = outputs.get(0);
            Tensor isBig = outputs.get(1);
            assertThat(sum.datatype()).isEqualTo(Datatype.FP64);
            assertThat(sum.shape()).containsExactly(3, 1);
            assertThat(isBig.datatype()).isEqualTo(Datatype.BOOL);
            assertThat(isBig.shape()).containsExactly(3, 1);
            double[] sums = ((TensorData.Doubles) sum.data()).values();
            boolean[] big = ((TensorData.Bools) isBig.data()).values();
            for (int row = 0; row < 3; row++) {
                double expected = a[2 * row] + 2 * a[2 * row + 1] + b[row];
                assertThat(sums[row]).isCloseTo(expected, within(1e-6));
                assertThat(big[row]).isEqualTo(expected > 10);
            }
            assertThat(sums).containsExactly(new double[] {6, 12, -0.5}, within(1e-9));
            assertThat(big).containsExactly(false, true, false);
        }
    }

    @Test
    void everyOtherElementTypeTravelsBothWaysAndSequenceOutputsAreLeftOut() {
        try (OnnxModelRuntime runtime = load("types.onnx")) {
            ModelMetadata metadata = runtime.metadata();
            assertThat(metadata.inputs())
                    .extracting(TensorSpec::datatype)
                    .containsExactly(
                            Datatype.INT32,
                            Datatype.INT16,
                            Datatype.INT8,
                            Datatype.UINT8,
                            Datatype.BOOL,
                            Datatype.BYTES);
            // the graph's second output, a sequence of tensors, is neither declared nor computed
            assertThat(metadata.outputs())
                    .extracting(TensorSpec::name)
                    .containsExactly("i32_out", "i16_out", "i8_out", "u8_out", "flag_out", "text_out");
            assertThat(metadata.output("text_out").orElseThrow().shape()).containsExactly(-1, 1);

            List<Tensor> inputs = List.of(
                    Tensor.of("i32", Datatype.INT32, new long[] {2, 2}, new TensorData.Ints(new int[] {
                        Integer.MIN_VALUE, -1, 7, Integer.MAX_VALUE
                    })),
                    Tensor.of("i16", Datatype.INT16, new long[] {2}, new TensorData.Ints(new int[] {-32768, 32767})),
                    Tensor.of("i8", Datatype.INT8, new long[] {2}, new TensorData.Ints(new int[] {-128, 127})),
                    Tensor.of("u8", Datatype.UINT8, new long[] {2}, new TensorData.Ints(new int[] {0, 255})),
                    Tensor.of("flag", Datatype.BOOL, new long[] {2}, new TensorData.Bools(new boolean[] {true, false})),
                    Tensor.of("text", Datatype.BYTES, new long[] {2, 1}, new TensorData.Texts(new String[] {
                        "plain", "ünïcödé ✓"
                    })));
            List<Tensor> outputs = runtime.infer(inputs);

            assertThat(outputs).hasSize(6);
            for (int i = 0; i < inputs.size(); i++) {
                Tensor in = inputs.get(i);
                Tensor out = outputs.get(i);
                assertThat(out.name()).isEqualTo(in.name() + "_out");
                assertThat(out.datatype()).isEqualTo(in.datatype());
                assertThat(out.shape()).containsExactly(in.shape());
                assertThat(out.data()).usingRecursiveComparison().isEqualTo(in.data());
            }
            assertThat(((TensorData.Texts) outputs.get(5).data()).values()[1].getBytes(StandardCharsets.UTF_8))
                    .isEqualTo("ünïcödé ✓".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void anIntegerThatDoesNotFitItsTypeIsTheCallersFault() {
        try (OnnxModelRuntime runtime = load("types.onnx")) {
            List<Tensor> inputs = List.of(
                    Tensor.of("i32", Datatype.INT32, new long[] {1, 2}, new TensorData.Ints(new int[] {1, 2})),
                    Tensor.of("i16", Datatype.INT16, new long[] {1}, new TensorData.Ints(new int[] {1})),
                    Tensor.of("i8", Datatype.INT8, new long[] {1}, new TensorData.Ints(new int[] {1})),
                    Tensor.of("u8", Datatype.UINT8, new long[] {1}, new TensorData.Ints(new int[] {256})),
                    Tensor.of("flag", Datatype.BOOL, new long[] {1}, new TensorData.Bools(new boolean[] {true})),
                    Tensor.of("text", Datatype.BYTES, new long[] {1, 1}, new TensorData.Texts(new String[] {"t"})));

            assertThatThrownBy(() -> runtime.infer(inputs))
                    .isInstanceOf(GyreException.class)
                    .hasMessage("input 'u8' row 0: 256 does not fit UINT8 [0, 255]")
                    .satisfies(
                            e -> assertThat(((GyreException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
        }
    }

    @Test
    void aShapeTheGraphRejectsIsTheCallersFault() {
        try (OnnxModelRuntime runtime = load("logistic.onnx")) {
            // InputValidator would refuse this first; the runtime still answers 400, not 500
            assertThatThrownBy(() -> runtime.infer(List.of(floats("x", new float[] {1, 2, 3, 4, 5, 6}, 2, 3))))
                    .isInstanceOf(GyreException.class)
                    .hasMessageStartingWith(
                            "the ONNX model cannot score these inputs: Got invalid dimensions for input: x")
                    .hasMessageNotContaining("\n")
                    .satisfies(
                            e -> assertThat(((GyreException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
        }
    }

    @Test
    void eightThreadsScoreConcurrentlyOnOneSession() throws Exception {
        try (OnnxModelRuntime runtime = load("logistic.onnx");
                ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    int checked = 0;
                    for (int call = 0; call < 200; call++) {
                        int rows = 1 + random.nextInt(16);
                        float[] x = new float[rows * 4];
                        for (int i = 0; i < x.length; i++) {
                            x[i] = (float) random.nextGaussian() * 3;
                        }
                        Tensor probability =
                                runtime.infer(List.of(floats("x", x, rows, 4))).getFirst();
                        assertThat(probability.shape()).containsExactly(rows, 1);
                        assertProbabilities(probability, x);
                        checked += rows;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isPositive();
            }
        }
    }

    @Test
    void bytesThatAreNoOnnxModelAreRefusedClearly() {
        byte[] garbage = "certainly not a protobuf".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OnnxModelRuntime.load(garbage, 1))
                .isInstanceOf(GyreException.class)
                .hasMessageStartingWith("the file is not an ONNX model: ")
                .hasMessageContaining("protobuf parsing failed")
                .satisfies(e -> assertThat(((GyreException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @Test
    void aMissingModelFileIsRefusedClearly(@TempDir Path directory) {
        assertThatThrownBy(() -> OnnxModelRuntime.load(directory.resolve("absent.onnx"), 1))
                .isInstanceOf(GyreException.class)
                .hasMessageStartingWith("the ONNX model file cannot be read: ")
                .hasMessageContaining("absent.onnx");
    }

    @Test
    void halfPrecisionIsRefusedAtLoad() {
        assertThatThrownBy(() -> load("float16.onnx"))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("input 'x' has element type float16, which cannot be served")
                .satisfies(e -> assertThat(((GyreException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @Test
    void anInputThatIsNoTensorIsRefusedByName() {
        assertThatThrownBy(() -> load("sequence_input.onnx"))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("input 'parts' is not a tensor")
                .satisfies(e -> assertThat(((GyreException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @Test
    void aModelWithoutTensorOutputsIsRefused() {
        assertThatThrownBy(() -> load("sequence_output.onnx"))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("the ONNX model has no tensor output")
                .hasMessageContaining("parts");
    }

    @Test
    void inferAfterCloseIsRefusedAndCloseIsIdempotent() {
        OnnxModelRuntime runtime = load("logistic.onnx");
        runtime.close();

        assertThatThrownBy(() -> runtime.infer(List.of(floats("x", new float[] {1, 2, 3, 4}, 1, 4))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatCode(runtime::close).doesNotThrowAnyException();
    }

    @Test
    void theValidatorRejectsNaNNamingTheInputAndRow() {
        try (OnnxModelRuntime runtime = load("logistic.onnx")) {
            Tensor x = floats("x", new float[] {1, 2, 3, 4, 5, Float.NaN, 7, 8}, 2, 4);

            assertThatThrownBy(() -> InputValidator.validate(runtime.metadata(), List.of(x)))
                    .isInstanceOf(GyreException.class)
                    .hasMessageContaining("input 'x'")
                    .hasMessageContaining("missing value (NaN or null) in row 1")
                    .satisfies(
                            e -> assertThat(((GyreException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
        }
    }

    @Test
    void validatedInputsAreScored() {
        try (OnnxModelRuntime runtime = load("mixed.onnx")) {
            // JSON clients write integers for doubles: the validator converts them to the declared FP64
            List<Tensor> inputs = InputValidator.validate(
                    runtime.metadata(),
                    List.of(
                            Tensor.of("b", Datatype.INT64, new long[] {1, 1}, new TensorData.Longs(new long[] {5})),
                            Tensor.of(
                                    "a", Datatype.INT64, new long[] {1, 2}, new TensorData.Longs(new long[] {1, 3}))));

            Tensor sum = runtime.infer(inputs).getFirst();
            assertThat(((TensorData.Doubles) sum.data()).values()).containsExactly(12.0);
        }
    }

    private static void assertProbabilities(Tensor probability, float[] x) {
        float[] actual = ((TensorData.Floats) probability.data()).values();
        assertThat(actual).hasSize(x.length / 4);
        for (int row = 0; row < actual.length; row++) {
            double logit = LOGISTIC_B;
            for (int j = 0; j < 4; j++) {
                logit += (double) x[row * 4 + j] * LOGISTIC_W[j];
            }
            double expected = 1 / (1 + Math.exp(-logit));
            assertThat((double) actual[row]).as("row %d", row).isCloseTo(expected, within(1e-6));
        }
    }

    private static Tensor floats(String name, float[] values, int rows, int columns) {
        return Tensor.of(name, Datatype.FP32, new long[] {rows, columns}, new TensorData.Floats(values));
    }

    private static OnnxModelRuntime load(String resource) {
        try (InputStream in = OnnxModelRuntimeTest.class.getResourceAsStream("/onnx/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no test model " + resource);
            }
            return OnnxModelRuntime.load(in.readAllBytes(), 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
