package dev.gyre.model.frame;

import java.util.Arrays;
import java.util.Objects;

/**
 * A column of text; {@code null} marks a missing value. The array is owned by the column, as in {@link
 * NumericColumn}.
 */
public record TextColumn(String name, String[] values) implements Column {

    public TextColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
    }

    /** A text column of {@code values}. */
    public static TextColumn of(String name, String... values) {
        return new TextColumn(name, values);
    }

    @Override
    public ValueKind kind() {
        return ValueKind.STRING;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return values[row] == null;
    }

    /** The value at {@code row}; {@code null} when missing. */
    public String get(int row) {
        return values[row];
    }

    @Override
    public TextColumn select(int[] rows) {
        String[] selected = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            selected[i] = values[rows[i]];
        }
        return new TextColumn(name, selected);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TextColumn column && name.equals(column.name) && Arrays.equals(values, column.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "TextColumn[" + name + ", " + values.length + " rows]";
    }
}
