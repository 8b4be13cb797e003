package dev.gyre.data.profile;

import dev.gyre.data.read.DatasetColumn;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.GyreType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact part of a profile (counts, moments, string lengths) for every column at once, computed by one DuckDB
 * aggregate query: DuckDB scans and aggregates on all cores without handing a single value to Java. Moments cover
 * the finite values only, as in {@link Moments}; string lengths count Unicode code points.
 */
final class ExactAggregates {

    private ExactAggregates() {}

    /** The row count and one {@link ColumnAggregates} per column of {@code reader}, in column order. */
    static Result of(DatasetReader reader) {
        return reader.query(table -> sql(reader.columns(), table), result -> read(result, reader.columns()));
    }

    /**
     * One aggregate query over a projection of every column's {@link DatasetReader#valueExpression}, non-text
     * values as doubles, as the sketches see them.
     */
    private static String sql(List<DatasetColumn> columns, String table) {
        List<String> aggregates = new ArrayList<>();
        aggregates.add("count(*) AS row_count");
        List<String> values = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            DatasetColumn column = columns.get(c);
            String value = column.type() == GyreType.STRING
                    ? DatasetReader.valueExpression(column)
                    : DatasetReader.doubleExpression(column);
            values.add(value + " AS v" + c);
            aggregates.addAll(column.type() == GyreType.STRING ? textAggregates(c) : numberAggregates(c));
        }
        String projection = values.isEmpty() ? "1" : String.join(", ", values);
        return "SELECT " + String.join(", ", aggregates) + " FROM (SELECT " + projection + " FROM " + table + ")";
    }

    /**
     * {@code count_if} and {@code CASE} rather than {@code FILTER} clauses: DuckDB evaluates each {@code FILTER}
     * as its own selection, which made this query three times slower.
     */
    private static List<String> numberAggregates(int c) {
        String v = "v" + c;
        String finite = "CASE WHEN isfinite(" + v + ") THEN " + v + " END";
        return List.of(
                "count(" + v + ")",
                "count_if(isnan(" + v + "))",
                "count_if(" + v + " = 'infinity'::DOUBLE)",
                "count_if(" + v + " = '-infinity'::DOUBLE)",
                "count_if(" + v + " = 0)",
                "count(" + finite + ")",
                "avg(" + finite + ")",
                "var_pop(" + finite + ")",
                "min(" + finite + ")",
                "max(" + finite + ")",
                "approx_count_distinct(" + v + ")");
    }

    private static List<String> textAggregates(int c) {
        String v = "v" + c;
        return List.of(
                "count(" + v + ")",
                "count_if(" + v + " = '')",
                "min(length(" + v + "))",
                "max(length(" + v + "))",
                "sum(length(" + v + "))",
                "approx_count_distinct(" + v + ")");
    }

    private static Result read(ResultSet result, List<DatasetColumn> columns) throws SQLException {
        result.next();
        long rows = result.getLong(1);
        int index = 2;
        List<ColumnAggregates> aggregates = new ArrayList<>(columns.size());
        for (DatasetColumn column : columns) {
            if (column.type() == GyreType.STRING) {
                long present = result.getLong(index);
                long empty = result.getLong(index + 1);
                LengthStats lengths = present == 0
                        ? LengthStats.EMPTY
                        : new LengthStats(
                                present,
                                result.getLong(index + 2),
                                result.getLong(index + 3),
                                result.getLong(index + 4));
                aggregates.add(new ColumnAggregates(
                        new ValueCounts(present, rows - present, 0, 0, 0, empty),
                        Moments.EMPTY,
                        lengths,
                        result.getLong(index + 5)));
                index += 6;
            } else {
                long present = result.getLong(index);
                long finite = result.getLong(index + 5);
                Moments moments = finite == 0
                        ? Moments.EMPTY
                        : new Moments(
                                finite,
                                result.getDouble(index + 6),
                                result.getDouble(index + 7) * finite,
                                result.getDouble(index + 8),
                                result.getDouble(index + 9));
                aggregates.add(new ColumnAggregates(
                        new ValueCounts(
                                present,
                                rows - present,
                                result.getLong(index + 1),
                                result.getLong(index + 2),
                                result.getLong(index + 3),
                                result.getLong(index + 4)),
                        moments,
                        LengthStats.EMPTY,
                        result.getLong(index + 10)));
                index += 11;
            }
        }
        return new Result(rows, aggregates);
    }

    /** The row count and each column's exact aggregates. */
    record Result(long rowCount, List<ColumnAggregates> columns) {
        Result {
            columns = List.copyOf(columns);
        }
    }

    /**
     * One column's exact aggregates.
     *
     * @param approximateDistinct DuckDB's HyperLogLog estimate, only to choose how to feed the sketches
     */
    record ColumnAggregates(ValueCounts counts, Moments moments, LengthStats lengths, long approximateDistinct) {}
}
