package dev.gyre.cli.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The shared data files the data-command tests run on, and slices of them written to a test's folder. */
final class TestData {

    static final Path SHARED =
            Path.of(System.getProperty("gyre.shared.data")).toAbsolutePath().normalize();
    static final Path WEATHER = SHARED.resolve("weather.csv");

    private TestData() {}

    /**
     * The weather rows of one location ({@code Seattle}, {@code New York}) as a CSV with a header in {@code dir},
     * named after the location ({@code New_York.csv}); written once, then reused.
     */
    static Path weatherAt(Path dir, String location) {
        Path target = dir.resolve(location.replace(' ', '_') + ".csv");
        if (Files.exists(target)) {
            return target;
        }
        String sql = "COPY (SELECT * FROM read_csv_auto(" + quoted(WEATHER) + ") WHERE location = " + quoted(location)
                + ") TO " + quoted(target) + " (HEADER)";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return target;
    }

    private static String quoted(Object text) {
        return "'" + text.toString().replace("'", "''") + "'";
    }
}
