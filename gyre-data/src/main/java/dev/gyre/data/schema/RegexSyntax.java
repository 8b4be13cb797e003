package dev.gyre.data.schema;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Checks regular expressions with the engine that will run them, DuckDB's RE2, when the schema is read rather
 * than when validation runs: Java's {@code java.util.regex} accepts look-around and backreferences that RE2
 * rejects, and rejects RE2's {@code (?P<name>…)} groups. Opens one in-memory DuckDB on first use; close it after reading.
 */
final class RegexSyntax implements AutoCloseable {

    private Connection connection;

    /** Why RE2 rejects {@code pattern}, or {@code null} if it compiles. */
    String problem(String pattern) {
        try (Statement statement = connection().createStatement()) {
            statement.execute("SELECT regexp_matches('', '" + pattern.replace("'", "''") + "')");
            return null;
        } catch (SQLException e) {
            String message =
                    e.getMessage() == null ? "rejected" : e.getMessage().strip();
            String firstLine = message.lines().findFirst().orElse(message);
            return firstLine.replaceFirst("^[A-Za-z ]*(Error|Exception): ", "");
        }
    }

    private Connection connection() {
        if (connection == null) {
            try {
                connection = DriverManager.getConnection("jdbc:duckdb:");
            } catch (SQLException e) {
                throw new GyreException(ErrorCode.INTERNAL_ERROR, "cannot start DuckDB: " + e.getMessage(), e);
            }
        }
        return connection;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing was written; a failed close loses nothing
            }
        }
    }
}
