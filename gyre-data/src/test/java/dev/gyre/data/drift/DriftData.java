package dev.gyre.data.drift;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads single columns of the shared real datasets with plain JDBC over DuckDB. */
final class DriftData {

    private DriftData() {}

    static Path shared(String file) {
        String folder = System.getProperty("gyre.shared.data", "../shared/data");
        Path path = Path.of(folder).resolve(file).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("shared data file missing: " + path);
        }
        return path;
    }

    /** {@code temp_max} (or another numeric column) of the weather data at one location. */
    static double[] weather(String column, String location) {
        return doubles("SELECT " + column + " FROM read_csv_auto('" + shared("weather.csv") + "') WHERE location = '"
                + location + "' AND " + column + " IS NOT NULL ORDER BY date");
    }

    static List<String> weatherCategories(String location) {
        return strings("SELECT weather FROM read_csv_auto('" + shared("weather.csv") + "') WHERE location = '"
                + location + "' ORDER BY date");
    }

    /** Up to {@code limit} flight delays (minutes) of one month, in file order. */
    static double[] flightDelays(int month, int limit) {
        return doubles("SELECT delay FROM read_parquet('" + shared("flights-3m.parquet") + "') WHERE month(date) = "
                + month + " AND delay IS NOT NULL LIMIT " + limit);
    }

    static double[] doubles(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            double[] values = new double[1024];
            int n = 0;
            while (rows.next()) {
                if (n == values.length) {
                    values = java.util.Arrays.copyOf(values, n * 2);
                }
                values[n++] = rows.getDouble(1);
            }
            return java.util.Arrays.copyOf(values, n);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static List<String> strings(String sql) {
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
}
