package dev.gyre.cli.output;

import dev.gyre.data.read.DatasetFormat;
import dev.gyre.data.read.DatasetSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

/**
 * The number of rows of a dataset when it costs nothing to know: Parquet files record it in their footers, which
 * DuckDB's {@code parquet_file_metadata} reads without touching the data. Other formats would need a full scan.
 */
public final class KnownRowCount {

    private KnownRowCount() {}

    /** The row count of a Parquet source from its metadata, or -1 for other formats or unreadable metadata. */
    public static long of(DatasetSource source) {
        if (source.format() != DatasetFormat.PARQUET) {
            return -1;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT sum(num_rows) FROM parquet_file_metadata(["
                        + source.files().stream().map(KnownRowCount::literal).collect(Collectors.joining(", "))
                        + "])")) {
            return result.next() && result.getObject(1) != null ? result.getLong(1) : -1;
        } catch (SQLException | RuntimeException e) {
            return -1; // progress without a total is still progress
        }
    }

    private static String literal(Path file) {
        return "'" + file.toString().replace("'", "''") + "'";
    }
}
