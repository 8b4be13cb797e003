package dev.gyre.train.data;

import dev.gyre.core.error.GyreException;
import dev.gyre.data.read.DatasetColumn;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.GyreType;
import dev.gyre.model.frame.Column;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.frame.ValueKind;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a dataset into an in-memory {@link Frame} for training: the data stage's DuckDB reader does the parsing
 * (CSV, Parquet, JSON lines, with its precise errors), and values arrive as the profiles see them — numbers and
 * booleans as doubles, timestamps as epoch milliseconds, everything else as text — so a model's training data and
 * its training profile agree on every value. Rows are held in memory, so this is for data that fits in the heap.
 */
public final class FrameReader {

    /** More rows than a Java array holds cannot be a frame. */
    private static final long MAX_ROWS = Integer.MAX_VALUE - 8;

    private FrameReader() {}

    /** Every column of {@code reader}'s dataset, in file order. */
    public static Frame read(DatasetReader reader) {
        return read(reader, reader.columns().stream().map(DatasetColumn::name).toList());
    }

    /** The columns named {@code names}, in that order; an unknown name is a {@link GyreException} naming it. */
    public static Frame read(DatasetReader reader, List<String> names) {
        List<DatasetColumn> columns = new ArrayList<>(names.size());
        for (String name : names) {
            columns.add(reader.columns().stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> GyreException.invalid(
                            "dataset " + reader.source().path() + " has no column '" + name + "'")));
        }
        long rows = reader.query(table -> "SELECT count(*) FROM " + table, result -> {
            result.next();
            return result.getLong(1);
        });
        if (rows > MAX_ROWS) {
            throw GyreException.invalid("dataset " + reader.source().path() + " has " + rows
                    + " rows, more than one in-memory frame holds (" + MAX_ROWS + ")");
        }
        List<String> selected = new ArrayList<>(columns.size());
        for (DatasetColumn column : columns) {
            selected.add(
                    column.type() == GyreType.STRING
                            ? DatasetReader.valueExpression(column)
                            : DatasetReader.doubleExpression(column));
        }
        String projection = selected.isEmpty() ? "1" : String.join(", ", selected);
        return reader.query(
                table -> "SELECT " + projection + " FROM " + table, result -> fill(result, columns, (int) rows));
    }

    private static Frame fill(ResultSet result, List<DatasetColumn> columns, int rows) throws java.sql.SQLException {
        Object[] arrays = new Object[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            arrays[c] = columns.get(c).type() == GyreType.STRING ? new String[rows] : new double[rows];
        }
        int row = 0;
        while (result.next()) {
            if (row == rows) {
                throw GyreException.invalid("the dataset grew while it was being read");
            }
            for (int c = 0; c < columns.size(); c++) {
                if (arrays[c] instanceof String[] texts) {
                    texts[row] = result.getString(c + 1);
                } else {
                    double value = result.getDouble(c + 1);
                    ((double[]) arrays[c])[row] = result.wasNull() ? Double.NaN : value;
                }
            }
            row++;
        }
        if (row != rows) {
            throw GyreException.invalid("the dataset shrank while it was being read");
        }
        List<Column> frameColumns = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            DatasetColumn column = columns.get(c);
            frameColumns.add(
                    arrays[c] instanceof String[] texts
                            ? new TextColumn(column.name(), texts)
                            : new NumericColumn(column.name(), kindOf(column.type()), (double[]) arrays[c]));
        }
        return Frame.of(frameColumns);
    }

    /** The frame kind of a data-stage type: the two enums name the same four kinds. */
    public static ValueKind kindOf(GyreType type) {
        return switch (type) {
            case NUMERIC -> ValueKind.NUMERIC;
            case BOOLEAN -> ValueKind.BOOLEAN;
            case TIMESTAMP -> ValueKind.TIMESTAMP;
            case STRING -> ValueKind.STRING;
        };
    }
}
