package dev.gyre.data.read;

import dev.gyre.core.error.GyreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.duckdb.DuckDBConnection;

/**
 * Reads a CSV, Parquet or JSON-lines dataset through an in-process, in-memory DuckDB and streams its rows in
 * {@link RowBatch}es of {@value #BATCH_ROWS} rows, so memory stays flat however many rows there are. The reader
 * owns its DuckDB connection: close it (try-with-resources). Only {@link #query} may be called from several
 * threads at once.
 *
 * <p>CSV files are read with DuckDB's dialect and type auto-detection and a header row; JSON with
 * {@code read_json_auto} (newline-delimited or an array). Every DuckDB error becomes a {@link GyreException}
 * ({@code INVALID_PARAMETER_VALUE}) naming the file and, where DuckDB reports it, the line or column.
 */
public final class DatasetReader implements AutoCloseable {

    /** Rows per batch: large enough to amortise per-batch work, small enough to stay in the CPU caches. */
    public static final int BATCH_ROWS = 2048;

    private final DatasetSource source;
    private final Connection connection;
    private final String table;
    private final List<DatasetColumn> columns;

    private DatasetReader(DatasetSource source, Connection connection, String table, List<DatasetColumn> columns) {
        this.source = source;
        this.connection = connection;
        this.table = table;
        this.columns = columns;
    }

    /** Opens the source and reads its schema; fails fast on a missing file or one DuckDB cannot parse. */
    public static DatasetReader open(DatasetSource source) {
        String table = tableExpression(source, null);
        Connection connection = connect(source);
        try {
            List<DatasetColumn> columns = describe(connection, table);
            String delimiter = fallbackDelimiter(source, columns);
            if (delimiter != null) {
                table = tableExpression(source, delimiter);
                columns = describe(connection, table);
            }
            return new DatasetReader(source, connection, table, columns);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw ReadErrors.of(source, e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    public DatasetSource source() {
        return source;
    }

    /** The columns in file order. */
    public List<DatasetColumn> columns() {
        return columns;
    }

    /**
     * Streams every row once, in batches, to {@code consumer}; returns the number of rows. Errors found mid-file
     * (a ragged CSV row far down, say) surface here as {@link GyreException}s.
     */
    public long forEachBatch(Consumer<RowBatch> consumer) {
        String sql = "SELECT " + projection() + " FROM " + table;
        long rows = 0;
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(BATCH_ROWS);
            try (ResultSet result = statement.executeQuery(sql)) {
                BatchBuilder batch = new BatchBuilder(columns);
                while (result.next()) {
                    batch.add(result);
                    rows++;
                    if (batch.isFull()) {
                        consumer.accept(batch.build());
                        batch = new BatchBuilder(columns);
                    }
                }
                if (batch.size() > 0) {
                    consumer.accept(batch.build());
                }
            }
        } catch (SQLException e) {
            throw readError(e);
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new GyreException(
                    dev.gyre.core.error.ErrorCode.INTERNAL_ERROR, "cannot close DuckDB: " + e.getMessage(), e);
        }
    }

    private String projection() {
        List<String> selected = new ArrayList<>(columns.size());
        for (DatasetColumn column : columns) {
            // Doubles come out of DuckDB's vectors unboxed; other numeric types go through getObject per value.
            selected.add(column.type() == GyreType.STRING ? valueExpression(column) : doubleExpression(column));
        }
        return selected.isEmpty() ? "*" : String.join(", ", selected);
    }

    /**
     * The SQL expression that yields {@code column}'s values as batches carry them: temporal values as epoch
     * milliseconds, non-text values shown as text, the rest as stored. For SQL that runs inside DuckDB through
     * {@link #query}.
     */
    public static String valueExpression(DatasetColumn column) {
        String name = quoteIdentifier(column.name());
        String upper = column.duckDbType().toUpperCase(java.util.Locale.ROOT);
        return switch (column.type()) {
            case TIMESTAMP ->
                upper.contains("WITH TIME ZONE") || upper.equals("TIMESTAMPTZ")
                        ? "epoch_ms(" + name + ")"
                        : "epoch_ms(CAST(" + name + " AS TIMESTAMP))";
            case STRING -> upper.equals("VARCHAR") ? name : "CAST(" + name + " AS VARCHAR)";
            case NUMERIC, BOOLEAN -> name;
        };
    }

    /**
     * The SQL expression that yields a non-text column's values as doubles, the way {@link ColumnVector.Numbers}
     * carries them (booleans 1/0, temporal values epoch milliseconds). Booleans go through {@code CASE}, not a
     * cast: DuckDB pushes a cast of a column into its CSV parser, which then cannot parse {@code true} as a
     * number.
     */
    public static String doubleExpression(DatasetColumn column) {
        String value = valueExpression(column);
        return switch (column.type()) {
            case BOOLEAN -> "CASE WHEN " + value + " THEN 1.0 WHEN NOT " + value + " THEN 0.0 END";
            case NUMERIC, TIMESTAMP -> "CAST(" + value + " AS DOUBLE)";
            case STRING -> throw new IllegalArgumentException("column " + column.name() + " is text");
        };
    }

    /**
     * Runs the SQL that {@code sqlOverTable} builds around the dataset's table expression (a {@code FROM} item)
     * and hands the streaming result to {@code handler}, so
     * aggregations run inside DuckDB, in parallel, instead of row by row in Java. Each call gets its own connection
     * to the reader's database, so calls from different threads may run concurrently (DuckDB reads Parquet
     * columns independently, so a query touching few columns reads only those).
     */
    public <T> T query(UnaryOperator<String> sqlOverTable, ResultHandler<T> handler) {
        String sql = sqlOverTable.apply(table);
        try (Connection own = duplicateConnection();
                Statement statement = own.createStatement()) {
            statement.setFetchSize(BATCH_ROWS);
            try (ResultSet result = statement.executeQuery(sql)) {
                return handler.handle(result);
            }
        } catch (SQLException e) {
            throw readError(e);
        }
    }

    /**
     * Runs {@code work} on a connection of its own to the reader's database, given the dataset's table expression,
     * for multi-statement work such as materialising the data once into a temporary table that many queries then
     * scan. The connection is closed afterwards; DuckDB errors are reported like {@link #query}'s.
     */
    public <T> T withConnection(ConnectionWork<T> work) {
        try (Connection own = duplicateConnection()) {
            return work.run(own, table);
        } catch (SQLException e) {
            throw ReadErrors.of(source, e);
        }
    }

    /** Work on a connection over the dataset's table expression; may throw {@link SQLException}. */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        T run(Connection connection, String tableExpression) throws SQLException;
    }

    /**
     * The error to report for a failed read. Results stream, and DuckDB reports an error met mid-stream (a ragged
     * CSV row far down) only as "Invalid result set"; a count over the same table on a connection that does not
     * stream names the file and line. It runs only after a failure, so a good file is not read again; when the
     * count succeeds the failure was the query's own and is reported as it is.
     */
    private GyreException readError(SQLException failure) {
        try (Connection plain = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = plain.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            count.next();
            return ReadErrors.of(source, failure);
        } catch (SQLException precise) {
            GyreException error = ReadErrors.of(source, precise);
            error.addSuppressed(failure);
            return error;
        }
    }

    /** Reads a query's whole result; may throw {@link SQLException}, which {@link #query} reports. */
    @FunctionalInterface
    public interface ResultHandler<T> {
        T handle(ResultSet result) throws SQLException;
    }

    private Connection duplicateConnection() throws SQLException {
        synchronized (connection) {
            return connection.unwrap(DuckDBConnection.class).duplicate();
        }
    }

    /**
     * When rows disagree in length, DuckDB's sniffer gives up on the delimiter and reads one text column named
     * after the whole header line; naming the header's delimiter explicitly turns the ragged row into an error.
     */
    private static String fallbackDelimiter(DatasetSource source, List<DatasetColumn> columns) {
        if (source.format() != DatasetFormat.CSV || columns.size() != 1) {
            return null;
        }
        String header = columns.getFirst().name();
        for (String delimiter : List.of(",", ";", "\t", "|")) {
            if (header.contains(delimiter)) {
                return delimiter;
            }
        }
        return null;
    }

    private static String tableExpression(DatasetSource source, String delimiter) {
        String path = quoteLiteral(source.duckDbPath());
        return switch (source.format()) {
            case CSV ->
                "read_csv(" + path + ", header = true, skip = 0, auto_detect = true, strict_mode = true"
                        + (delimiter == null ? "" : ", delim = " + quoteLiteral(delimiter)) + ")";
            case PARQUET -> "read_parquet(" + path + ")";
            case JSON -> "read_json_auto(" + path + ")";
        };
    }

    private static List<DatasetColumn> describe(Connection connection, String table) throws SQLException {
        List<DatasetColumn> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("DESCRIBE SELECT * FROM " + table)) {
            while (result.next()) {
                columns.add(DatasetColumn.of(result.getString("column_name"), result.getString("column_type")));
            }
        }
        return List.copyOf(columns);
    }

    private static Connection connect(DatasetSource source) {
        Properties properties = new Properties();
        properties.setProperty("jdbc_stream_results", "true");
        try {
            return DriverManager.getConnection("jdbc:duckdb:", properties);
        } catch (SQLException e) {
            throw ReadErrors.of(source, e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the original failure is the one worth reporting
        }
    }

    private static String quoteLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Fills one batch's column arrays from the current result-set row. */
    private static final class BatchBuilder {
        private final List<DatasetColumn> columns;
        private final Object[] arrays;
        private final boolean[][] missing;
        private int size;

        BatchBuilder(List<DatasetColumn> columns) {
            this.columns = columns;
            this.arrays = new Object[columns.size()];
            this.missing = new boolean[columns.size()][];
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).type() == GyreType.STRING) {
                    arrays[c] = new String[BATCH_ROWS];
                } else {
                    arrays[c] = new double[BATCH_ROWS];
                    missing[c] = new boolean[BATCH_ROWS];
                }
            }
        }

        void add(ResultSet result) throws SQLException {
            for (int c = 0; c < arrays.length; c++) {
                int index = c + 1;
                switch (columns.get(c).type()) {
                    case STRING -> ((String[]) arrays[c])[size] = result.getString(index);
                    case NUMERIC, BOOLEAN, TIMESTAMP -> {
                        ((double[]) arrays[c])[size] = result.getDouble(index);
                        missing[c][size] = result.wasNull();
                    }
                }
            }
            size++;
        }

        boolean isFull() {
            return size == BATCH_ROWS;
        }

        int size() {
            return size;
        }

        RowBatch build() {
            List<ColumnVector> vectors = new ArrayList<>(arrays.length);
            for (int c = 0; c < arrays.length; c++) {
                vectors.add(
                        arrays[c] instanceof String[] texts
                                ? new ColumnVector.Texts(texts)
                                : new ColumnVector.Numbers((double[]) arrays[c], missing[c]));
            }
            return new RowBatch(size, vectors);
        }
    }
}
