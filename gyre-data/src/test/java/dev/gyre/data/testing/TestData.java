package dev.gyre.data.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where gyre-data's tests find their files: the shared real datasets, the hand-made files on the test classpath, and
 * files derived from them with DuckDB SQL.
 */
public final class TestData {

    /** Rows of breast_cancer.csv that go into the first part of {@link #breastCancerParts}; the other 171 follow. */
    public static final int BREAST_CANCER_FIRST_ROWS = 398;

    private TestData() {}

    /**
     * A file of the shared real-data folder: the {@code gyre.shared.data} property the build sets, else
     * {@code ../../shared/data} relative to the module folder.
     */
    public static Path shared(String name) {
        Path path = Path.of(System.getProperty("gyre.shared.data", "../../shared/data"))
                .resolve(name)
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("shared data file missing: " + path);
        }
        return path;
    }

    /** A file on the test classpath, such as {@code quality/clean.csv} (under {@code src/test/resources/}). */
    public static Path resource(String path) {
        String name = path.startsWith("/") ? path : "/" + path;
        URL url = TestData.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("test resource missing: " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement in a fresh in-memory DuckDB. */
    public static void duckDb(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Writes the result of {@code select} to {@code target} as CSV with a header; returns {@code target}. */
    public static Path copy(String select, Path target) {
        duckDb("COPY (" + select + ") TO " + quoted(target) + " (HEADER)");
        return target;
    }

    /** The first column of every result row, as doubles (SQL NULL reads as 0). */
    public static double[] doubles(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            double[] values = new double[1024];
            int n = 0;
            while (rows.next()) {
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                values[n++] = rows.getDouble(1);
            }
            return Arrays.copyOf(values, n);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of every result row, as strings. */
    public static List<String> strings(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Every column of the first result row, as doubles. */
    public static double[] firstRow(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            if (!result.next()) {
                throw new IllegalStateException("no rows: " + sql);
            }
            double[] row = new double[result.getMetaData().getColumnCount()];
            for (int i = 0; i < row.length; i++) {
                row[i] = result.getDouble(i + 1);
            }
            return row;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A SQL string literal. */
    public static String quoted(Object text) {
        return "'" + text.toString().replace("'", "''") + "'";
    }

    /** Data rows of a CSV split on commas (for files that quote no commas), quotes removed; the header skipped. */
    public static List<String[]> csvRows(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .skip(1)
                .map(line -> line.replace("\"", "").split(",", -1))
                .toList();
    }

    /** The first {@code rows} rows of a CSV and the rest, written as CSVs with headers. */
    public record Split(Path first, Path second) {}

    public static Split split(Path csv, long rows, Path first, Path second) {
        copy("SELECT * FROM read_csv(" + quoted(csv) + ") LIMIT " + rows, first);
        copy("SELECT * FROM read_csv(" + quoted(csv) + ") OFFSET " + rows, second);
        return new Split(first, second);
    }

    /** breast_cancer.csv with a header line: the shared file has none, so its columns are column00 to column30. */
    public static Path breastCancerWithHeader(Path dir) {
        return copy(
                "SELECT * FROM read_csv(" + quoted(shared("breast_cancer.csv")) + ", skip = 1, header = false)",
                dir.resolve("breast_cancer.csv"));
    }

    /** breast_cancer.csv (569 rows) with a header, and its first 398 and last 171 rows. */
    public record BreastCancer(Path whole, Path first, Path second) {}

    public static BreastCancer breastCancerParts(Path dir) {
        Path whole = breastCancerWithHeader(dir);
        Split parts = split(whole, BREAST_CANCER_FIRST_ROWS, dir.resolve("first.csv"), dir.resolve("second.csv"));
        return new BreastCancer(whole, parts.first(), parts.second());
    }

    /** The rows of the shared weather.csv at one location, as {@code dir/<location>.csv} (spaces as underscores). */
    public static Path weatherAt(Path dir, String location) {
        return copy(
                "SELECT * FROM read_csv_auto(" + quoted(shared("weather.csv")) + ") WHERE location = "
                        + quoted(location),
                dir.resolve(location.replace(' ', '_') + ".csv"));
    }
}
