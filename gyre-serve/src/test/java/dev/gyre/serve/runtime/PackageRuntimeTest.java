package dev.gyre.serve.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.frame.ValueKind;
import dev.gyre.model.pack.ModelPackage;
import dev.gyre.serve.TestModels;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.serve.tensor.TensorSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageRuntimeTest {

    @TempDir
    Path dir;

    @Test
    void everyColumnKindMapsToATensorAndScoresAsThePackageDoes() throws Exception {
        Path folder = TestModels.mixedPackage(dir.resolve("mixed"));
        try (PackageRuntime runtime = PackageRuntime.of(ModelPackage.load(folder, 1));
                ModelPackage reference = ModelPackage.load(folder)) {
            assertThat(runtime.metadata().tabular()).isTrue();
            assertThat(runtime.metadata().inputs())
                    .extracting(TensorSpec::name, TensorSpec::datatype)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("amount", Datatype.FP64),
                            org.assertj.core.groups.Tuple.tuple("member", Datatype.BOOL),
                            org.assertj.core.groups.Tuple.tuple("city", Datatype.BYTES),
                            org.assertj.core.groups.Tuple.tuple("seen", Datatype.BYTES));
            assertThat(runtime.metadata().outputs())
                    .extracting(TensorSpec::name)
                    .containsExactly("prediction");

            List<Tensor> outputs = runtime.infer(InputValidator.validate(
                    runtime.metadata(),
                    List.of(
                            Tensor.of("amount", Datatype.FP64, new long[] {3}, new TensorData.Doubles(new double[] {
                                3, Double.NaN, 12
                            })),
                            Tensor.of("member", Datatype.BOOL, new long[] {3}, new TensorData.Bools(new boolean[] {
                                true, false, true
                            })),
                            Tensor.of("city", Datatype.BYTES, new long[] {3}, new TensorData.Texts(new String[] {
                                "Oslo", null, "Atlantis"
                            })),
                            Tensor.of("seen", Datatype.BYTES, new long[] {3}, new TensorData.Texts(new String[] {
                                "2024-01-03T05:00:00Z", "2024-01-03 17:30:00", "2024-01-04"
                            })))));

            double[] seen = {
                Instant.parse("2024-01-03T05:00:00Z").toEpochMilli(),
                Instant.parse("2024-01-03T17:30:00Z").toEpochMilli(),
                Instant.parse("2024-01-04T00:00:00Z").toEpochMilli()
            };
            Frame same = Frame.of(
                    NumericColumn.of("amount", 3, Double.NaN, 12),
                    new NumericColumn("member", ValueKind.BOOLEAN, new double[] {1, 0, 1}),
                    TextColumn.of("city", "Oslo", null, "Atlantis"),
                    new NumericColumn("seen", ValueKind.TIMESTAMP, seen));
            double[] expected = reference.predict(same).scores().values();
            assertThat(((TensorData.Doubles) outputs.getFirst().data()).values())
                    .containsExactly(expected);
        }
    }

    @Test
    void anUnreadableTimestampNamesItsRow() throws Exception {
        Path folder = TestModels.mixedPackage(dir.resolve("mixed"));
        try (PackageRuntime runtime = PackageRuntime.of(ModelPackage.load(folder, 1))) {
            List<Tensor> inputs = InputValidator.validate(
                    runtime.metadata(),
                    List.of(
                            Tensor.of("amount", Datatype.FP64, new long[] {2}, new TensorData.Doubles(new double[2])),
                            Tensor.of("member", Datatype.BOOL, new long[] {2}, new TensorData.Bools(new boolean[2])),
                            Tensor.of("city", Datatype.BYTES, new long[] {2}, new TensorData.Texts(new String[2])),
                            Tensor.of("seen", Datatype.BYTES, new long[] {2}, new TensorData.Texts(new String[] {
                                "2024-01-01", "yesterday"
                            }))));
            assertThatThrownBy(() -> runtime.infer(inputs))
                    .isInstanceOf(GyreException.class)
                    .hasMessageStartingWith("input 'seen' row 1: 'yesterday' is not a timestamp");
        }
    }
}
