package dev.gyre.data.read;

import dev.gyre.core.error.GyreException;
import java.sql.SQLException;

/** Turns DuckDB's errors into one readable line that names the file and, where DuckDB says, the line or column. */
final class ReadErrors {

    private static final int MAX_DETAIL = 400;

    private ReadErrors() {}

    static GyreException of(DatasetSource source, SQLException e) {
        return new GyreException(
                dev.gyre.core.error.ErrorCode.INVALID_PARAMETER_VALUE,
                "cannot read " + source.format().name().toLowerCase(java.util.Locale.ROOT) + " " + source.path() + ": "
                        + detail(e.getMessage()),
                e);
    }

    /** DuckDB's message without its error-class prefix and hints, folded onto one line. */
    static String detail(String message) {
        if (message == null || message.isBlank()) {
            return "unknown DuckDB error";
        }
        StringBuilder kept = new StringBuilder();
        for (String line : message.strip().split("\\R")) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("Possible") || text.startsWith("*")) {
                continue;
            }
            if (text.startsWith("Parser options") || text.startsWith("file ") || text.startsWith("The search space")) {
                break;
            }
            if (!kept.isEmpty()) {
                kept.append(' ');
            }
            kept.append(text);
        }
        String detail = kept.toString().replaceFirst("^[A-Za-z ]*(Error|Exception): ", "");
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }
}
