package dev.gyre.serve.runtime;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import dev.gyre.model.frame.Column;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.frame.ValueKind;
import dev.gyre.model.pack.ModelPackage;
import dev.gyre.model.pack.Predictions;
import dev.gyre.model.pack.Signature;
import dev.gyre.model.runtime.Scores;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.serve.tensor.TensorSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Gyre model package served as it was trained: one 1-D input per raw column of its signature, run through the
 * package's own fitted feature pipeline and model ({@link ModelPackage#predict}), so serving cannot drift from
 * training. Numbers travel as {@code FP64}, booleans as {@code BOOL}, text as {@code BYTES} and timestamps as
 * ISO-8601 text ({@code BYTES}); missing values (NaN, null) go to the pipeline, which imputes them as it learned to.
 * Outputs follow the package signature: {@code probability} (binary), one {@code probability(<class>)} per class
 * (multiclass) or {@code prediction} (regression), then {@code label} for classification.
 */
public final class PackageRuntime implements ModelRuntime {

    /** The {@link ModelMetadata#platform()} of Gyre packages. */
    public static final String PLATFORM = "gyre_package";

    private final ModelPackage modelPackage;
    private final ModelMetadata metadata;
    private final List<Signature.Field> columns;

    private PackageRuntime(ModelPackage modelPackage) {
        this.modelPackage = modelPackage;
        this.columns = modelPackage.manifest().signature().inputs();
        List<TensorSpec> inputs = new ArrayList<>();
        for (Signature.Field field : columns) {
            inputs.add(new TensorSpec(field.name(), datatype(field.kind()), new long[] {-1}, true));
        }
        List<TensorSpec> outputs = new ArrayList<>();
        for (Signature.Field field : modelPackage.manifest().signature().outputs()) {
            outputs.add(new TensorSpec(field.name(), datatype(field.kind()), new long[] {-1}, false));
        }
        this.metadata = new ModelMetadata(PLATFORM, inputs, outputs, true);
    }

    /** Serves an opened package; the runtime owns it from now on and closes it. */
    public static PackageRuntime of(ModelPackage modelPackage) {
        return new PackageRuntime(modelPackage);
    }

    /** The package served, for its manifest (serving targets, task, classes). */
    public ModelPackage modelPackage() {
        return modelPackage;
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public List<Tensor> infer(List<Tensor> inputs) {
        List<Column> frameColumns = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            frameColumns.add(column(columns.get(i), inputs.get(i)));
        }
        Predictions predictions = modelPackage.predict(Frame.of(frameColumns));
        return outputs(predictions);
    }

    private List<Tensor> outputs(Predictions predictions) {
        Scores scores = predictions.scores();
        int rows = scores.rows();
        long[] shape = {rows};
        List<Tensor> outputs = new ArrayList<>(metadata.outputs().size());
        Task task = modelPackage.manifest().task();
        switch (task) {
            case BINARY -> {
                double[] probability = new double[rows];
                for (int row = 0; row < rows; row++) {
                    probability[row] = scores.probability(row);
                }
                outputs.add(Tensor.of("probability", Datatype.FP64, shape, new TensorData.Doubles(probability)));
            }
            case MULTICLASS -> {
                int classes = scores.width();
                for (int k = 0; k < classes; k++) {
                    double[] probability = new double[rows];
                    for (int row = 0; row < rows; row++) {
                        probability[row] = scores.values()[row * classes + k];
                    }
                    outputs.add(Tensor.of(
                            metadata.outputs().get(k).name(),
                            Datatype.FP64,
                            shape,
                            new TensorData.Doubles(probability)));
                }
            }
            case REGRESSION -> {
                double[] prediction = new double[rows];
                for (int row = 0; row < rows; row++) {
                    prediction[row] = scores.value(row);
                }
                outputs.add(Tensor.of("prediction", Datatype.FP64, shape, new TensorData.Doubles(prediction)));
            }
        }
        if (task.classification()) {
            outputs.add(Tensor.of("label", Datatype.BYTES, shape, new TensorData.Texts(predictions.labels())));
        }
        return outputs;
    }

    private static Column column(Signature.Field field, Tensor input) {
        return switch (field.kind()) {
            case STRING -> new TextColumn(field.name(), ((TensorData.Texts) input.data()).values());
            case NUMERIC ->
                new NumericColumn(field.name(), ValueKind.NUMERIC, ((TensorData.Doubles) input.data()).values());
            case BOOLEAN ->
                new NumericColumn(field.name(), ValueKind.BOOLEAN, booleans((TensorData.Bools) input.data()));
            case TIMESTAMP ->
                new NumericColumn(
                        field.name(), ValueKind.TIMESTAMP, timestamps(field.name(), (TensorData.Texts) input.data()));
        };
    }

    private static double[] booleans(TensorData.Bools data) {
        double[] values = new double[data.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.values()[i] ? 1 : 0;
        }
        return values;
    }

    private static double[] timestamps(String name, TensorData.Texts data) {
        double[] values = new double[data.length()];
        for (int i = 0; i < values.length; i++) {
            String text = data.values()[i];
            if (text == null || text.isEmpty()) {
                values[i] = Double.NaN;
                continue;
            }
            values[i] = epochMillis(name, i, text);
        }
        return values;
    }

    /** An ISO-8601 instant, or a date-time or date without zone read as UTC (as training read the data). */
    private static double epochMillis(String name, int row, String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(text.replace(' ', 'T'))
                        .toInstant(ZoneOffset.UTC)
                        .toEpochMilli();
            } catch (DateTimeParseException notADateTime) {
                try {
                    return LocalDate.parse(text)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()
                            .toEpochMilli();
                } catch (DateTimeParseException notADate) {
                    throw GyreException.invalid("input '" + name + "' row " + row + ": '" + text
                            + "' is not a timestamp; write ISO-8601, e.g. 2024-01-31T12:00:00Z or 2024-01-31 12:00:00");
                }
            }
        }
    }

    static Datatype datatype(ValueKind kind) {
        return switch (kind) {
            case NUMERIC -> Datatype.FP64;
            case BOOLEAN -> Datatype.BOOL;
            case STRING, TIMESTAMP -> Datatype.BYTES;
        };
    }

    @Override
    public void close() {
        modelPackage.close();
    }
}
