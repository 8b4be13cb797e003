package dev.gyre.model.features;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.frame.Column;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A feature pipeline with everything it learned from the training data: the one object that turns a {@link Frame}
 * into the model's {@link FeatureMatrix}, at training time and, read back from the model package by {@link
 * PipelineJson}, at serving time, so the two cannot disagree. Immutable and safe to share between threads; equal
 * to another when the fitted state is.
 */
public final class FittedPipeline {

    private final List<FittedColumn> columns;
    private final List<InputColumn> inputSchema;
    private final List<String> outputNames;
    private final int[] offsets;

    /**
     * A pipeline of {@code columns}, in output order; input names must be distinct and so must the output names.
     * {@code IllegalArgumentException} otherwise.
     */
    public FittedPipeline(List<FittedColumn> columns) {
        this.columns = List.copyOf(columns);
        this.inputSchema = this.columns.stream().map(FittedColumn::input).toList();
        List<String> names = new ArrayList<>();
        Set<String> inputs = new HashSet<>();
        this.offsets = new int[this.columns.size()];
        for (int i = 0; i < this.columns.size(); i++) {
            FittedColumn column = this.columns.get(i);
            if (!inputs.add(column.name())) {
                throw new IllegalArgumentException("column '" + column.name() + "' appears twice");
            }
            offsets[i] = names.size();
            names.addAll(column.outputNames());
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("feature '" + name + "' would be produced twice");
            }
        }
        this.outputNames = List.copyOf(names);
    }

    /** What is done to each input column, in input order. */
    public List<FittedColumn> columns() {
        return columns;
    }

    /** The columns a frame must have, with their kinds, in order: the model signature's inputs. */
    public List<InputColumn> inputSchema() {
        return inputSchema;
    }

    /** The feature names of {@link #transform}'s output, in order. */
    public List<String> outputNames() {
        return outputNames;
    }

    /**
     * The features of every row of {@code frame}. The frame must have each {@link #inputSchema()} column with its
     * kind ({@code GyreException.invalid} naming the column otherwise); other columns are ignored. Categories not
     * seen in training go to the unknown bucket.
     */
    public FeatureMatrix transform(Frame frame) {
        List<Column> inputs = checkedInputs(frame);
        int rows = frame.rows();
        int width = outputNames.size();
        float[] out = new float[Math.multiplyExact(rows, width)];
        for (int i = 0; i < columns.size(); i++) {
            FittedColumn fitted = columns.get(i);
            Column input = inputs.get(i);
            if (FittedColumn.passesThrough(fitted.kind())) {
                writeNumeric(fitted.transforms(), ((NumericColumn) input).values(), out, width, offsets[i]);
            } else {
                int offset = offsets[i];
                for (Encoding encoding : fitted.encodings()) {
                    encoding.encode(input, out, width, offset);
                    offset += encoding.width();
                }
            }
        }
        return new FeatureMatrix(out, rows, outputNames);
    }

    private List<Column> checkedInputs(Frame frame) {
        List<Column> inputs = new ArrayList<>(inputSchema.size());
        for (InputColumn expected : inputSchema) {
            Column column = frame.find(expected.name())
                    .orElseThrow(() -> GyreException.invalid(
                            "input has no column '" + expected.name() + "', which the feature pipeline needs ("
                                    + expected.kind().label() + ")"));
            if (column.kind() != expected.kind()) {
                throw GyreException.invalid("input column '" + expected.name() + "' is "
                        + column.kind().label() + " but the feature pipeline needs "
                        + expected.kind().label());
            }
            inputs.add(column);
        }
        return inputs;
    }

    private static void writeNumeric(
            List<NumericTransform> transforms, double[] values, float[] out, int stride, int offset) {
        NumericTransform[] chain = transforms.toArray(NumericTransform[]::new);
        for (int row = 0; row < values.length; row++) {
            double value = values[row];
            for (NumericTransform transform : chain) {
                value = transform.apply(value);
            }
            out[row * stride + offset] = (float) value;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FittedPipeline pipeline && columns.equals(pipeline.columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return "FittedPipeline[" + inputSchema.size() + " inputs → " + outputNames.size() + " features]";
    }
}
