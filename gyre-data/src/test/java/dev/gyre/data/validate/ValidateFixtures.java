package dev.gyre.data.validate;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The hand-made files under {@code src/test/resources/schema/}, the shared datasets, and a CSV reader for checks. */
final class ValidateFixtures {

    private ValidateFixtures() {}

    static Path resource(String name) {
        try {
            return Path.of(ValidateFixtures.class.getResource("/schema/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path shared(String name) {
        return Path.of(System.getProperty("gyre.shared.data", "../../shared/data"), name)
                .toAbsolutePath()
                .normalize();
    }

    /** Data rows split on commas (these files quote no commas), quotes removed; the expected values' source. */
    static List<String[]> rows(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .skip(1)
                .map(line -> line.replace("\"", "").split(",", -1))
                .toList();
    }

    static void duckDb(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static String quoted(Object text) {
        return "'" + text.toString().replace("'", "''") + "'";
    }
}
