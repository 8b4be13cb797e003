package dev.gyre.model.frame;

import java.util.Arrays;
import java.util.Objects;

/**
 * A column of numbers, booleans (1/0) or timestamps (epoch milliseconds, UTC); {@code NaN} marks a missing value.
 * The array is owned by the column: callers must not change it after construction nor change what {@link
 * #values()} returns (it is not copied, because frames hold millions of values).
 */
public record NumericColumn(String name, ValueKind kind, double[] values) implements Column {

    public NumericColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        if (!kind.numeric()) {
            throw new IllegalArgumentException("column '" + name + "': a numeric column cannot hold " + kind.label());
        }
    }

    /** A {@link ValueKind#NUMERIC} column. */
    public static NumericColumn of(String name, double... values) {
        return new NumericColumn(name, ValueKind.NUMERIC, values);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    /** The value at {@code row}; {@code NaN} when missing. */
    public double get(int row) {
        return values[row];
    }

    @Override
    public NumericColumn select(int[] rows) {
        double[] selected = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            selected[i] = values[rows[i]];
        }
        return new NumericColumn(name, kind, selected);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NumericColumn column
                && name.equals(column.name)
                && kind == column.kind
                && Arrays.equals(values, column.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "NumericColumn[" + name + ", " + kind.label() + ", " + values.length + " rows]";
    }
}
