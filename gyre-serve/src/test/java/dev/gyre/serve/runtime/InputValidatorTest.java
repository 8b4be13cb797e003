package dev.gyre.serve.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.serve.tensor.TensorSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputValidatorTest {

    private static final ModelMetadata TABLE = new ModelMetadata(
            "test",
            List.of(
                    new TensorSpec("size", Datatype.FP64, new long[] {-1}, true),
                    new TensorSpec("shape", Datatype.BYTES, new long[] {-1}, true)),
            List.of(new TensorSpec("probability", Datatype.FP64, new long[] {-1}, false)),
            true);

    private static final ModelMetadata MATRIX = new ModelMetadata(
            "test",
            List.of(new TensorSpec("x", Datatype.FP32, new long[] {-1, 3}, false)),
            List.of(new TensorSpec("y", Datatype.FP32, new long[] {-1}, false)),
            false);

    @Test
    void inputsComeBackInDeclarationOrderWithNumbersWidened() {
        List<Tensor> checked = InputValidator.validate(
                TABLE,
                List.of(
                        Tensor.of("shape", Datatype.BYTES, new long[] {2}, new TensorData.Texts(new String[] {"a", null
                        })),
                        Tensor.of("size", Datatype.INT64, new long[] {2, 1}, new TensorData.Longs(new long[] {3, 4}))));

        assertThat(checked).extracting(Tensor::name).containsExactly("size", "shape");
        assertThat(checked.getFirst().datatype()).isEqualTo(Datatype.FP64);
        assertThat(checked.getFirst().shape()).containsExactly(2);
        assertThat(((TensorData.Doubles) checked.getFirst().data()).values()).containsExactly(3.0, 4.0);
    }

    @Test
    void eachProblemIsNamed() {
        Tensor size = Tensor.of("size", Datatype.FP64, new long[] {2}, new TensorData.Doubles(new double[] {1, 2}));
        Tensor shape =
                Tensor.of("shape", Datatype.BYTES, new long[] {2}, new TensorData.Texts(new String[] {"a", "b"}));

        assertThatThrownBy(() -> InputValidator.validate(TABLE, List.of(size)))
                .isInstanceOf(GyreException.class)
                .hasMessageStartingWith("missing input 'shape' (BYTES [-1]); the model takes size FP64 [-1], shape");
        assertThatThrownBy(() -> InputValidator.validate(
                        TABLE, List.of(size, shape, Tensor.of("colour", Datatype.BYTES, new long[] {2}, shape.data()))))
                .hasMessageStartingWith("unknown input 'colour'; the model takes size FP64 [-1]");
        assertThatThrownBy(() -> InputValidator.validate(TABLE, List.of(size, size, shape)))
                .hasMessage("input 'size' is given more than once");
        assertThatThrownBy(() -> InputValidator.validate(
                        TABLE,
                        List.of(
                                size,
                                Tensor.of(
                                        "shape",
                                        Datatype.FP64,
                                        new long[] {2},
                                        new TensorData.Doubles(new double[2])))))
                .hasMessage("input 'shape' has datatype FP64 but the model takes BYTES");
        assertThatThrownBy(() -> InputValidator.validate(
                        TABLE,
                        List.of(
                                size,
                                Tensor.of("shape", Datatype.BYTES, new long[] {3}, new TensorData.Texts(new String[] {
                                    "a", "b", "c"
                                })))))
                .hasMessage(
                        "input 'shape' has 3 rows but input 'size' has 2; all inputs must have the same number of rows");
        assertThatThrownBy(() -> InputValidator.validate(
                        MATRIX,
                        List.of(Tensor.of("x", Datatype.FP32, new long[] {1, 4}, new TensorData.Floats(new float[4])))))
                .hasMessage("input 'x' has shape [1, 4] but the model takes [-1, 3] (-1: any size)");
        assertThatThrownBy(() -> InputValidator.validate(
                        MATRIX,
                        List.of(Tensor.of("x", Datatype.FP32, new long[] {2, 3}, new TensorData.Floats(new float[] {
                            1, 2, 3, 4, Float.NaN, 6
                        })))))
                .hasMessage("input 'x' has a missing value (NaN or null) in row 1, which this model does not accept");
        assertThatThrownBy(() -> InputValidator.validate(
                        MATRIX,
                        List.of(Tensor.of(
                                "x", Datatype.BYTES, new long[] {1, 3}, new TensorData.Texts(new String[3])))))
                .hasMessage("input 'x' has datatype BYTES but the model takes FP32");
    }
}
