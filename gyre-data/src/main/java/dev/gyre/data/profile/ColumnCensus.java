package dev.gyre.data.profile;

import dev.gyre.data.read.DatasetColumn;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.GyreType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The first, cheap pass of a profile: the row count and, per column, how many values are present, how many are
 * finite and roughly how many are distinct, from one DuckDB aggregate query. These only decide how the sketch pass
 * reads each column (grouped or streamed, sorted or not, exact values or KLL); the exact statistics themselves
 * come from that sketch pass ({@link ExactTally}), so the data is aggregated once, not twice.
 */
final class ColumnCensus {

    private ColumnCensus() {}

    /** The census of every column of {@code reader}, in column order. */
    static Result of(DatasetReader reader) {
        return reader.query(table -> sql(reader.columns(), table), result -> read(result, reader.columns()));
    }

    private static String sql(List<DatasetColumn> columns, String table) {
        List<String> aggregates = new ArrayList<>();
        aggregates.add("count(*)");
        List<String> values = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            DatasetColumn column = columns.get(c);
            String v = "v" + c;
            boolean text = column.type() == GyreType.STRING;
            values.add((text ? DatasetReader.valueExpression(column) : DatasetReader.doubleExpression(column)) + " AS "
                    + v);
            aggregates.add("count(" + v + ")");
            aggregates.add(text ? "count(" + v + ")" : "count_if(isfinite(" + v + "))");
            aggregates.add("approx_count_distinct(" + v + ")");
        }
        String projection = values.isEmpty() ? "1" : String.join(", ", values);
        return "SELECT " + String.join(", ", aggregates) + " FROM (SELECT " + projection + " FROM " + table + ")";
    }

    private static Result read(ResultSet result, List<DatasetColumn> columns) throws SQLException {
        result.next();
        long rows = result.getLong(1);
        List<Column> census = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            int first = 2 + 3 * c;
            census.add(new Column(result.getLong(first), result.getLong(first + 1), result.getLong(first + 2)));
        }
        return new Result(rows, census);
    }

    /** The row count and one {@link Column} per column. */
    record Result(long rowCount, List<Column> columns) {
        Result {
            columns = List.copyOf(columns);
        }
    }

    /**
     * One column's census.
     *
     * @param present non-missing values
     * @param finite finite values (for text: the present ones)
     * @param approximateDistinct DuckDB's HyperLogLog estimate of the distinct values
     */
    record Column(long present, long finite, long approximateDistinct) {}
}
