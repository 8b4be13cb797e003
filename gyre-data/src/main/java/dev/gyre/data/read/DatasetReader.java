package dev.gyre.data.read;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.QueryProgress;

/**
 * Reads a CSV, Parquet or JSON-lines dataset through an in-process, in-memory DuckDB and streams its rows in
 * {@link RowBatch}es of {@value #BATCH_ROWS} rows, so the Java heap stays flat however many rows there are. The
 * reader owns its DuckDB database: close it (try-with-resources). Only {@link #query} may be called from several
 * threads at once.
 *
 * <p>CSV files are read with DuckDB's dialect and type auto-detection and a header row; JSON with
 * {@code read_json_auto} (newline-delimited or an array). Text formats are parsed once, at {@link #open}, into a
 * table of the reader's database, so the several queries a profile or a validation runs scan memory instead of
 * parsing the file again (parsing a CSV costs 5–15 times a scan of the table); Parquet is scanned in place, which is
 * cheaper than copying it. DuckDB's memory is capped (see {@link #MEMORY_LIMIT_PROPERTY}) and a table larger than
 * the cap spills to a temporary folder of the reader's own, removed on {@link #close}. Every DuckDB error becomes a
 * {@link GyreException} ({@code INVALID_PARAMETER_VALUE}) naming the file and, where DuckDB reports it, the line or
 * column; for text formats that happens at {@link #open}, since the whole file is parsed there.
 *
 * <p>A reader opened with a {@link ReadProgress} other than {@link ReadProgress#NONE} reports how far DuckDB got
 * while it parses the file at {@link #open} and while each {@link #query} runs, polled from a virtual thread named
 * {@value #PROGRESS_THREAD} that ends before the statement is closed.
 */
public final class DatasetReader implements AutoCloseable {

    /** Rows per batch: large enough to amortise per-batch work, small enough to stay in the CPU caches. */
    public static final int BATCH_ROWS = 2048;

    /**
     * The system property that overrides DuckDB's memory limit per reader, in DuckDB's syntax ({@code 4GB},
     * {@code 512MiB}). Unset, it is half of DuckDB's own default (80% of the memory DuckDB detects, container limits
     * included), at most {@value #MAX_MEMORY_MIB} MiB (see {@link #memoryLimitMib}): enough to hold ten million rows of a
     * narrow CSV, small enough that the JVM and other readers keep room. Past the limit DuckDB spills to disk.
     */
    public static final String MEMORY_LIMIT_PROPERTY = "gyre.data.duckdb-memory-limit";

    /** How often a running statement's progress is polled: often enough for a smooth line, rare enough to be free. */
    static final long PROGRESS_POLL_MILLIS = 250;

    /** The name of the virtual threads that poll a statement's progress. */
    static final String PROGRESS_THREAD = "gyre-read-progress";

    private static final long MAX_MEMORY_MIB = 1024;
    private static final long MIN_MEMORY_MIB = 256;
    /** The name of the table a text source is parsed into, already quoted. */
    private static final String TABLE = quoteIdentifier("gyre_dataset");
    /** How DuckDB prints a size ({@code 18.8 GiB}); its binary units. */
    private static final Pattern DUCKDB_SIZE = Pattern.compile("([0-9.]+) ?(bytes|KiB|MiB|GiB|TiB)");

    private final DatasetSource source;
    private final Connection connection;
    private final Path spillFolder;
    private final String table;
    private final boolean materialised;
    private final List<DatasetColumn> columns;
    private final ReadProgress progress;

    private DatasetReader(
            DatasetSource source,
            Connection connection,
            Path spillFolder,
            String table,
            boolean materialised,
            List<DatasetColumn> columns,
            ReadProgress progress) {
        this.progress = progress;
        this.source = source;
        this.connection = connection;
        this.spillFolder = spillFolder;
        this.table = table;
        this.materialised = materialised;
        this.columns = columns;
    }

    /**
     * Opens the source and reads its schema; a CSV or JSON source is parsed whole here, so a missing file, one
     * DuckDB cannot parse or a bad row anywhere in a text file fails here.
     */
    public static DatasetReader open(DatasetSource source) {
        return open(source, ReadProgress.NONE);
    }

    /**
     * {@link #open(DatasetSource)}, telling {@code progress} how far the parse of a text file and, later, each
     * {@link #query} got.
     */
    public static DatasetReader open(DatasetSource source, ReadProgress progress) {
        String expression = tableExpression(source, null);
        Path spillFolder = createSpillFolder(source);
        Connection connection = null;
        try {
            connection = connect(spillFolder);
            capMemory(connection);
            trackProgress(connection, progress);
            boolean materialised = source.format() != DatasetFormat.PARQUET;
            String table = materialised ? materialise(connection, expression, progress) : expression;
            List<DatasetColumn> columns = describe(connection, table);
            String delimiter = fallbackDelimiter(source, columns);
            if (delimiter != null) {
                expression = tableExpression(source, delimiter);
                table = materialised ? materialise(connection, expression, progress) : expression;
                columns = describe(connection, table);
            }
            return new DatasetReader(source, connection, spillFolder, table, materialised, columns, progress);
        } catch (SQLException e) {
            release(connection, spillFolder);
            throw ReadErrors.of(source, e);
        } catch (RuntimeException e) {
            release(connection, spillFolder);
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
     * Streams every row once, in batches, to {@code consumer}; returns the number of rows. Errors a Parquet scan
     * finds mid-file surface here as {@link GyreException}s (a text file's surfaced at {@link #open}).
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

    /** Drops the parsed table, closes DuckDB and removes the spill folder. */
    @Override
    public void close() {
        try {
            if (materialised) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE IF EXISTS " + TABLE);
                }
            }
            connection.close();
        } catch (SQLException e) {
            throw new GyreException(ErrorCode.INTERNAL_ERROR, "cannot close DuckDB: " + e.getMessage(), e);
        } finally {
            deleteFolder(spillFolder);
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
        String upper = column.duckDbType().toUpperCase(Locale.ROOT);
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
     * Runs the SQL that {@code sqlOverTable} builds around the dataset's table expression (a {@code FROM} item: the
     * parsed table of a text source, a Parquet scan otherwise) and hands the streaming result to {@code handler}, so
     * aggregations run inside DuckDB, in parallel, instead of row by row in Java. Each call gets its own connection
     * to the reader's database, so calls from different threads may run concurrently (DuckDB stores and reads
     * columns independently, so a query touching few columns reads only those).
     */
    public <T> T query(UnaryOperator<String> sqlOverTable, ResultHandler<T> handler) {
        String sql = sqlOverTable.apply(table);
        try (Connection own = duplicateConnection();
                Statement statement = own.createStatement()) {
            trackProgress(own, progress);
            statement.setFetchSize(BATCH_ROWS);
            // results stream, so the query runs while the handler reads: watch both
            return watched(statement, ReadProgress.Stage.QUERYING, progress, () -> {
                try (ResultSet result = statement.executeQuery(sql)) {
                    return handler.handle(result);
                }
            });
        } catch (SQLException e) {
            throw readError(e);
        }
    }

    /**
     * Runs {@code work} on a connection of its own to the reader's database, given the dataset's table expression
     * (as {@link #query} gives it), for multi-statement work. The connection is closed afterwards; DuckDB errors are
     * reported like {@link #query}'s.
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
     * count succeeds the failure was the query's own and is reported as it is. A parsed text source was read whole
     * at {@link #open}, so its failures are always the query's own.
     */
    private GyreException readError(SQLException failure) {
        if (materialised) {
            return ReadErrors.of(source, failure);
        }
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

    /**
     * Parses {@code expression} into the reader's table, replacing an earlier one; a plain table, not a temporary
     * one, so the duplicated connections of {@link #query} see it. The statement does not stream, so DuckDB's
     * errors name the line.
     */
    private static String materialise(Connection connection, String expression, ReadProgress progress)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            watched(
                    statement,
                    ReadProgress.Stage.LOADING,
                    progress,
                    () -> statement.execute("CREATE OR REPLACE TABLE " + TABLE + " AS SELECT * FROM " + expression));
        }
        return TABLE;
    }

    /**
     * Turns on DuckDB's progress tracking for {@code connection} when someone listens: without it DuckDB reports
     * -1 (not tracked). Printing stays off, so DuckDB never draws its own bar on the terminal.
     */
    private static void trackProgress(Connection connection, ReadProgress progress) throws SQLException {
        if (progress == ReadProgress.NONE) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET enable_progress_bar = true");
            statement.execute("SET enable_progress_bar_print = false");
        }
    }

    /** Work on a statement that may throw {@link SQLException}. */
    @FunctionalInterface
    private interface StatementWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} on {@code statement} while a {@link ProgressWatch} polls it; with {@link ReadProgress#NONE}
     * it just runs it. The watch is stopped, and its thread joined, before this returns or throws, so it never
     * polls a closed statement; a statement that succeeds reports 100%.
     */
    private static <T> T watched(
            Statement statement, ReadProgress.Stage stage, ReadProgress progress, StatementWork<T> work)
            throws SQLException {
        if (progress == ReadProgress.NONE) {
            return work.run();
        }
        ProgressWatch watch = new ProgressWatch(statement.unwrap(DuckDBPreparedStatement.class), stage, progress);
        boolean succeeded = false;
        try {
            T result = work.run();
            succeeded = true;
            return result;
        } finally {
            watch.stop(succeeded);
        }
    }

    /**
     * Polls one running statement's progress from a virtual thread and hands changes to the listener, never letting
     * the percentage go back (DuckDB's estimate can wobble between pipelines). A failed poll or a failing listener
     * ends the polling, never the statement.
     */
    private static final class ProgressWatch implements Runnable {
        private final DuckDBPreparedStatement statement;
        private final ReadProgress.Stage stage;
        private final ReadProgress listener;
        private final Thread thread;
        private volatile boolean stopped;
        private double shown = -1;
        private long total;

        ProgressWatch(DuckDBPreparedStatement statement, ReadProgress.Stage stage, ReadProgress listener) {
            this.statement = statement;
            this.stage = stage;
            this.listener = listener;
            this.thread = Thread.ofVirtual().name(PROGRESS_THREAD).start(this);
        }

        @Override
        public void run() {
            try {
                while (!stopped) {
                    Thread.sleep(PROGRESS_POLL_MILLIS);
                    if (stopped) {
                        return;
                    }
                    QueryProgress polled = statement.getQueryProgress();
                    double percentage = Math.min(100, polled.getPercentage());
                    if (percentage >= 0 && percentage > shown) {
                        shown = percentage;
                        total = polled.getTotalRowsToProcess();
                        listener.progress(stage, percentage, polled.getRowsProcessed(), total);
                    }
                }
            } catch (InterruptedException e) {
                // stopped while asleep
            } catch (SQLException | RuntimeException e) {
                // progress is a nicety: a statement DuckDB cannot report on, or a failing listener, just goes quiet
            }
        }

        /** Stops polling and waits for the thread; then, for a statement that succeeded, reports 100%. */
        void stop(boolean succeeded) {
            stopped = true;
            thread.interrupt();
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (succeeded && shown >= 0 && shown < 100) {
                try {
                    listener.progress(stage, 100, total, total);
                } catch (RuntimeException e) {
                    // as in run(): a failing listener must not fail a read that succeeded
                }
            }
        }
    }

    /** A folder of the reader's own for DuckDB's spill files, so none land in the working directory. */
    private static Path createSpillFolder(DatasetSource source) {
        try {
            return Files.createTempDirectory("gyre-duckdb-");
        } catch (IOException e) {
            throw new GyreException(
                    ErrorCode.INTERNAL_ERROR,
                    "cannot read " + source.path() + ": cannot create a temporary folder: " + e.getMessage(),
                    e);
        }
    }

    private static Connection connect(Path spillFolder) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("jdbc_stream_results", "true");
        properties.setProperty("temp_directory", spillFolder.toString());
        return DriverManager.getConnection("jdbc:duckdb:", properties);
    }

    /** Sets the memory limit {@link #MEMORY_LIMIT_PROPERTY} describes. */
    private static void capMemory(Connection connection) throws SQLException {
        String configured = System.getProperty(MEMORY_LIMIT_PROPERTY);
        try (Statement statement = connection.createStatement()) {
            if (configured != null && !configured.isBlank()) {
                try {
                    statement.execute("SET memory_limit = " + quoteLiteral(configured.strip()));
                } catch (SQLException e) {
                    throw GyreException.invalid(MEMORY_LIMIT_PROPERTY + " '" + configured
                            + "' is not a DuckDB memory limit (say 4GB): " + ReadErrors.detail(e.getMessage()));
                }
                return;
            }
            long defaultMib;
            try (ResultSet result = statement.executeQuery("SELECT current_setting('memory_limit')")) {
                result.next();
                defaultMib = mebibytes(result.getString(1));
            }
            statement.execute("SET memory_limit = '" + memoryLimitMib(defaultMib) + "MiB'");
        }
    }

    /**
     * Half of DuckDB's default limit, between {@value #MIN_MEMORY_MIB} MiB (DuckDB's CSV reader needs a buffer of
     * 16 MiB per thread) and {@value #MAX_MEMORY_MIB} MiB, and never above the default itself.
     */
    static long memoryLimitMib(long defaultMib) {
        if (defaultMib <= 0) {
            return MAX_MEMORY_MIB;
        }
        return Math.min(defaultMib, Math.max(MIN_MEMORY_MIB, Math.min(MAX_MEMORY_MIB, defaultMib / 2)));
    }

    /** A size as DuckDB prints it ({@code 18.8 GiB}) in MiB; -1 when DuckDB prints something else. */
    static long mebibytes(String size) {
        Matcher matcher = size == null ? null : DUCKDB_SIZE.matcher(size.strip());
        if (matcher == null || !matcher.matches()) {
            return -1;
        }
        double value = Double.parseDouble(matcher.group(1));
        double scale =
                switch (matcher.group(2)) {
                    case "bytes" -> 1.0 / (1 << 20);
                    case "KiB" -> 1.0 / (1 << 10);
                    case "MiB" -> 1;
                    case "GiB" -> 1 << 10;
                    default -> 1 << 20;
                };
        return (long) (value * scale);
    }

    private static void release(Connection connection, Path spillFolder) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the original failure is the one worth reporting
            }
        }
        deleteFolder(spillFolder);
    }

    /** Removes the spill folder; DuckDB has removed its files by now, a leftover is removed too. */
    private static void deleteFolder(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // a leftover in the temporary folder is not worth failing a read for
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
