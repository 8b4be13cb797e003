package dev.gyre.data.quality;

import dev.gyre.core.error.GyreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads a data file into a temporary DuckDB table once, so that every check scans memory instead of re-parsing the
 * file. The reader is picked by extension: CSV/TSV ({@code read_csv_auto}), Parquet ({@code read_parquet}),
 * JSON/NDJSON ({@code read_json_auto}); compressed {@code .gz} variants are read the same way. The file path is a
 * bound parameter. A stop-gap until the shared reader of {@code dev.gyre.data.read} takes over.
 */
final class QualityTable {

    /** The temporary table's name, already quoted. */
    static final String NAME = Sql.quote("gyre_quality_data");

    private QualityTable() {}

    /** Creates the table on {@code connection} and returns its columns in file order. */
    static List<Column> load(Connection connection, Path file) {
        if (!Files.isRegularFile(file)) {
            throw GyreException.invalid("no such data file: " + file);
        }
        String sql = "CREATE TEMP TABLE " + NAME + " AS SELECT * FROM " + reader(file) + "(?)";
        try (PreparedStatement create = connection.prepareStatement(sql)) {
            create.setString(1, file.toString());
            create.execute();
        } catch (SQLException e) {
            throw GyreException.invalid("cannot read data file " + file + ": " + firstLine(e.getMessage()));
        }
        return columns(connection);
    }

    private static List<Column> columns(Connection connection) {
        List<Column> columns = new ArrayList<>();
        try (Statement describe = connection.createStatement();
                ResultSet rows = describe.executeQuery("DESCRIBE " + NAME)) {
            while (rows.next()) {
                columns.add(new Column(rows.getString("column_name"), rows.getString("column_type")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot describe the loaded table", e);
        }
        return List.copyOf(columns);
    }

    private static String reader(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
            return "read_csv_auto";
        }
        if (name.endsWith(".parquet")) {
            return "read_parquet";
        }
        if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return "read_json_auto";
        }
        throw GyreException.invalid(
                "unsupported data file type: " + file + " (expected .csv, .tsv, .parquet, .json, .jsonl or .ndjson)");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
