package dev.gyre.cli.predict;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.data.read.DatasetColumn;
import dev.gyre.serve.runtime.ModelMetadata;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.serve.tensor.TensorSpec;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes the scored file through the input's own DuckDB database (the {@code DatasetReader}'s): the model's outputs
 * are appended, batch by batch, to a table of their own, and at the end one {@code COPY} joins the input, as DuckDB
 * read it (every column, with its own type), to the outputs row by row ({@code POSITIONAL JOIN}: both are read in
 * the order the rows were scored) and writes Parquet or CSV. Only the outputs pass through Java; DuckDB spills to its
 * temporary folder what does not fit its memory limit.
 *
 * <p>The file is written to a temporary sibling of the output ({@code .NAME.<random>.tmp}) and renamed over the
 * output only once complete, so a failure at any point leaves no partial file at the output path (and an existing
 * file there untouched).
 */
final class ScoredOutput implements AutoCloseable {

    /** The output formats, chosen by the output file's extension. */
    enum Format {
        PARQUET("(FORMAT parquet)"),
        CSV("(FORMAT csv, HEADER true)");

        private final String copyOptions;

        Format(String copyOptions) {
            this.copyOptions = copyOptions;
        }

        /** The format of {@code output} from its extension; {@link GyreException} for any other extension. */
        static Format of(Path output) {
            String name = output.getFileName() == null
                    ? ""
                    : output.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".parquet")) {
                return PARQUET;
            }
            if (name.endsWith(".csv")) {
                return CSV;
            }
            throw GyreException.invalid(
                    "--output " + output + ": write a file ending in .parquet (Parquet) or .csv (CSV with a header)");
        }
    }

    /** One output column: element {@code offset} of each row of output tensor {@code tensor}. */
    private record Column(int tensor, int offset, String name, Datatype datatype, String sqlType) {}

    private static final String TABLE = "gyre_scores";

    private final Connection connection;
    private final List<DatasetColumn> inputColumns;
    private final ModelMetadata metadata;
    private List<Column> columns;
    private DuckDBAppender appender;
    private long rows;

    /**
     * @param connection a connection to the input reader's database, used for nothing else meanwhile
     * @param inputColumns the input file's columns, which the output repeats
     * @param metadata the model's, for its outputs
     */
    ScoredOutput(Connection connection, List<DatasetColumn> inputColumns, ModelMetadata metadata) {
        this.connection = connection;
        this.inputColumns = List.copyOf(inputColumns);
        this.metadata = metadata;
        checkNames(inputColumns, declaredNames(metadata));
    }

    /** The output columns the model's declaration promises (a width not declared counts as one column). */
    private static List<String> declaredNames(ModelMetadata metadata) {
        List<String> names = new ArrayList<>();
        for (TensorSpec spec : metadata.outputs()) {
            long[] shape = spec.shape();
            long width = shape.length == 2 ? shape[1] : 1;
            names.addAll(columnNames(spec.name(), width < 0 ? 1 : (int) width, shape.length == 2 && width > 1));
        }
        return names;
    }

    private static List<String> columnNames(String name, int width, boolean indexed) {
        if (!indexed) {
            return List.of(name);
        }
        List<String> names = new ArrayList<>(width);
        for (int k = 0; k < width; k++) {
            names.add(name + "_" + k);
        }
        return names;
    }

    /** The output's columns must have names of their own: an input column named like an output is refused. */
    private static void checkNames(List<DatasetColumn> inputColumns, List<String> outputNames) {
        Set<String> taken = new HashSet<>();
        for (DatasetColumn column : inputColumns) {
            taken.add(column.name().toLowerCase(Locale.ROOT));
        }
        List<String> clashes = new ArrayList<>();
        for (String name : outputNames) {
            if (!taken.add(name.toLowerCase(Locale.ROOT))) {
                clashes.add("'" + name + "'");
            }
        }
        if (!clashes.isEmpty()) {
            throw GyreException.invalid("the input already has " + (clashes.size() == 1 ? "a column " : "columns ")
                    + String.join(", ", clashes) + " named like the model's output"
                    + (clashes.size() == 1 ? "" : "s") + " (" + String.join(", ", outputNames)
                    + "), which the output file adds: drop or rename "
                    + (clashes.size() == 1 ? "it" : "them") + " first (an earlier prediction, perhaps)");
        }
    }

    /** The rows appended so far. */
    long rows() {
        return rows;
    }

    /** Appends one scored batch: the model's outputs, one tensor per declared output, all with the same rows. */
    void append(List<Tensor> outputs) {
        try {
            if (columns == null) {
                start(layout(outputs));
            }
            checkLayout(outputs);
            int count = outputs.isEmpty() ? 0 : outputs.getFirst().rows();
            for (int row = 0; row < count; row++) {
                appender.beginRow();
                for (Column column : columns) {
                    Tensor tensor = outputs.get(column.tensor());
                    appendValue(tensor.data(), row * tensor.rowWidth() + column.offset(), column.datatype());
                }
                appender.endRow();
            }
            rows += count;
        } catch (SQLException e) {
            throw new GyreException(
                    ErrorCode.INTERNAL_ERROR, "cannot stage the predictions in DuckDB: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the input joined to the outputs to {@code target}: to a temporary sibling first, renamed over {@code
     * target} once complete. {@code table} is the input reader's table expression.
     */
    void write(String table, Path target, Format format) {
        Path folder = target.getParent();
        Path temporary = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            if (columns == null) {
                start(declaredLayout());
            }
            appender.close();
            long staged = count();
            if (staged != rows) {
                throw new GyreException(
                        ErrorCode.INTERNAL_ERROR,
                        "staged " + staged + " predictions for " + rows + " rows; nothing was written");
            }
            Files.createDirectories(folder);
            try (Statement statement = connection.createStatement()) {
                statement.execute("COPY (SELECT d.*, s.* FROM " + table + " AS d POSITIONAL JOIN " + TABLE
                        + " AS s) TO " + literal(temporary.toString()) + " " + format.copyOptions);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (SQLException e) {
            throw GyreException.invalid("cannot write " + target + ": " + e.getMessage());
        } catch (IOException e) {
            throw GyreException.invalid("cannot write " + target + ": " + e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // a leftover hidden temporary file is not worth hiding the real outcome for
            }
        }
    }

    /** Closes the appender if still open and drops the staged outputs. */
    @Override
    public void close() {
        try {
            if (appender != null && !appender.isClosed()) {
                appender.close();
            }
        } catch (SQLException e) {
            // the staged rows are dropped below or with the reader's database
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
        } catch (SQLException e) {
            // the reader's in-memory database goes away with it
        }
    }

    private long count() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM " + TABLE)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The columns the first scored batch has: its tensors' names, datatypes and widths. */
    private List<Column> layout(List<Tensor> outputs) {
        List<Column> layout = new ArrayList<>();
        for (int t = 0; t < outputs.size(); t++) {
            Tensor tensor = outputs.get(t);
            int width = tensor.shape().length <= 1 ? 1 : tensor.rowWidth();
            List<String> names = columnNames(tensor.name(), width, tensor.shape().length == 2 && width > 1);
            if (tensor.shape().length > 2) {
                throw GyreException.invalid("output '" + tensor.name() + "' has shape "
                        + java.util.Arrays.toString(tensor.shape()) + "; batch scoring writes outputs of one value"
                        + " or one row of values per input row");
            }
            for (int k = 0; k < width; k++) {
                layout.add(new Column(t, k, names.get(k), tensor.datatype(), sqlType(tensor.datatype())));
            }
        }
        return layout;
    }

    /** The columns the model declares, for an input without rows. */
    private List<Column> declaredLayout() {
        List<Column> layout = new ArrayList<>();
        for (int t = 0; t < metadata.outputs().size(); t++) {
            TensorSpec spec = metadata.outputs().get(t);
            long[] shape = spec.shape();
            int width = shape.length == 2 && shape[1] > 1 ? (int) shape[1] : 1;
            List<String> names = columnNames(spec.name(), width, width > 1);
            for (int k = 0; k < width; k++) {
                layout.add(new Column(t, k, names.get(k), spec.datatype(), sqlType(spec.datatype())));
            }
        }
        return layout;
    }

    private void checkLayout(List<Tensor> outputs) {
        for (Column column : columns) {
            if (column.tensor() >= outputs.size()
                    || outputs.get(column.tensor()).datatype() != column.datatype()
                    || outputs.get(column.tensor()).rowWidth() <= column.offset()) {
                throw new GyreException(
                        ErrorCode.INTERNAL_ERROR,
                        "the model's outputs changed between batches: " + outputs + " after columns "
                                + columns.stream().map(Column::name).toList());
            }
        }
        if (!outputs.isEmpty()) {
            int count = outputs.getFirst().rows();
            for (Tensor output : outputs) {
                if (output.rows() != count) {
                    throw new GyreException(
                            ErrorCode.INTERNAL_ERROR, "the model's outputs have different numbers of rows: " + outputs);
                }
            }
        }
    }

    private void start(List<Column> layout) throws SQLException {
        checkNames(inputColumns, layout.stream().map(Column::name).toList());
        List<String> definitions = new ArrayList<>(layout.size());
        for (Column column : layout) {
            definitions.add(identifier(column.name()) + " " + column.sqlType());
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TABLE " + TABLE + " (" + String.join(", ", definitions) + ")");
        }
        columns = layout;
        appender = connection.unwrap(DuckDBConnection.class).createAppender(TABLE);
    }

    private static String sqlType(Datatype datatype) {
        return switch (datatype) {
            case BOOL -> "BOOLEAN";
            case INT8, INT16, INT32, UINT8, UINT16 -> "INTEGER";
            case INT64, UINT32 -> "BIGINT";
            case UINT64 -> "HUGEINT";
            case FP16, FP32 -> "FLOAT";
            case FP64 -> "DOUBLE";
            case BYTES -> "VARCHAR";
        };
    }

    private void appendValue(TensorData data, int index, Datatype datatype) throws SQLException {
        switch (data) {
            case TensorData.Doubles d -> appender.append(d.values()[index]);
            case TensorData.Floats f -> appender.append(f.values()[index]);
            case TensorData.Longs l -> {
                if (datatype == Datatype.UINT64) {
                    appender.append(new BigInteger(Long.toUnsignedString(l.values()[index])));
                } else {
                    appender.append(l.values()[index]);
                }
            }
            case TensorData.Ints i -> appender.append(i.values()[index]);
            case TensorData.Bools b -> appender.append(b.values()[index]);
            case TensorData.Texts t -> {
                String value = t.values()[index];
                if (value == null) {
                    appender.appendNull();
                } else {
                    appender.append(value);
                }
            }
        }
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
