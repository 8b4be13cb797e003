package dev.gyre.data.profile;

import dev.gyre.data.read.DatasetColumn;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.GyreType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the sketches of some of a dataset's columns with one DuckDB query, so a CSV is parsed once per query
 * rather than once per column.
 *
 * <p>For small data (at most {@link SketchParameters#EXACT_VALUES_LIMIT} rows or values) values reach the sketches
 * in a fixed order, sorted, because the bytes of HLL and frequent-items sketches depend on the order of their
 * updates even where their estimates do not; so profiling the same small data twice writes the same profile. Large
 * data skips the sort: its KLL sketches are randomised anyway.
 *
 * <p>Columns that repeat their values (categories, small integers, booleans, dates) are <em>grouped</em>: DuckDB
 * counts each distinct value of each column in one scan ({@code GROUPING SETS}) and Java feeds each distinct value
 * once with its count (see {@link SketchBuilder}). Other columns are <em>streamed</em> value by value. Grouping
 * is limited to columns with at most {@value #MAX_GROUPS} distinct values, so DuckDB's hash tables stay small.
 */
final class ColumnSketches {

    /** Group a column when it has at least this many rows per distinct value on average… */
    private static final long MIN_ROWS_PER_GROUP = 4;
    /** …and at most this many distinct values. */
    private static final long MAX_GROUPS = 1_000_000;
    /** {@code grouping()} returns a bit per column in a BIGINT. */
    static final int MAX_GROUPED_COLUMNS = 62;

    private ColumnSketches() {}

    /** Whether the column's sketches come from counted distinct values rather than from every value. */
    static boolean groups(DatasetColumn column, ColumnCensus.Column census) {
        long distinct = census.approximateDistinct();
        return column.type() == GyreType.BOOLEAN
                || (distinct <= MAX_GROUPS && distinct * MIN_ROWS_PER_GROUP <= census.present());
    }

    /**
     * The filled builders (sketches and exact statistics) of the columns at {@code indexes} (at most {@value #MAX_GROUPED_COLUMNS}), in that order;
     * {@code census} says which columns are small enough to keep their exact values.
     */
    static List<SketchBuilder> grouped(DatasetReader reader, List<Integer> indexes, ColumnCensus.Result census) {
        List<DatasetColumn> columns =
                indexes.stream().map(reader.columns()::get).toList();
        List<String> values = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            values.add(expression(columns.get(i)) + " AS v" + i);
            names.add("v" + i);
            sets.add("(v" + i + ")");
        }
        String list = String.join(", ", names);
        // Sorting costs ~0.1 s on millions of rows, whose KLL sketches are random anyway: small data only.
        String order = census.rowCount() <= SketchParameters.EXACT_VALUES_LIMIT ? " ORDER BY ALL" : "";
        return reader.query(
                table -> "SELECT " + list + ", count(*), grouping(" + list + ") FROM (SELECT "
                        + String.join(", ", values) + " FROM " + table + ") GROUP BY GROUPING SETS ("
                        + String.join(", ", sets) + ")" + order,
                result -> readGroups(result, columns, builders(indexes, reader, census)));
    }

    /** The filled builder of one column, from every non-missing value. */
    static SketchBuilder streamed(DatasetReader reader, int index, ColumnCensus.Result census) {
        DatasetColumn column = reader.columns().get(index);
        // Small columns are fed in value order, so that their sketches (HLL, frequent items) do not depend on the
        // order DuckDB's parallel scan returns rows in; large ones are random (KLL) anyway and not worth a sort.
        String order =
                census.columns().get(index).present() <= SketchParameters.EXACT_VALUES_LIMIT ? " ORDER BY v" : "";
        return reader.query(
                table -> "SELECT v FROM (SELECT " + expression(column) + " AS v FROM " + table + ") WHERE v IS NOT NULL"
                        + order,
                result -> {
                    SketchBuilder builder = builder(reader, index, census);
                    boolean text = column.type() == GyreType.STRING;
                    while (result.next()) {
                        if (text) {
                            builder.add(result.getString(1), 1);
                        } else {
                            builder.add(result.getDouble(1), 1);
                        }
                    }
                    return builder;
                });
    }

    private static List<SketchBuilder> builders(
            List<Integer> indexes, DatasetReader reader, ColumnCensus.Result census) {
        return indexes.stream().map(index -> builder(reader, index, census)).toList();
    }

    private static SketchBuilder builder(DatasetReader reader, int index, ColumnCensus.Result census) {
        return new SketchBuilder(
                reader.columns().get(index), census.columns().get(index).finite());
    }

    private static List<SketchBuilder> readGroups(
            ResultSet result, List<DatasetColumn> columns, List<SketchBuilder> builders) throws SQLException {
        int count = columns.size();
        long all = (1L << count) - 1;
        while (result.next()) {
            // grouping() sets the bit of every column not grouped in this row's set; the first column is the top bit.
            long notGrouped = result.getLong(count + 2);
            int i = count - 1 - Long.numberOfTrailingZeros(all & ~notGrouped);
            long weight = result.getLong(count + 1);
            if (columns.get(i).type() == GyreType.STRING) {
                String value = result.getString(i + 1);
                if (value != null) {
                    builders.get(i).add(value, weight);
                }
            } else {
                double value = result.getDouble(i + 1);
                if (!result.wasNull()) {
                    builders.get(i).add(value, weight);
                }
            }
        }
        return builders;
    }

    private static String expression(DatasetColumn column) {
        return column.type() == GyreType.STRING
                ? DatasetReader.valueExpression(column)
                : DatasetReader.doubleExpression(column);
    }
}
