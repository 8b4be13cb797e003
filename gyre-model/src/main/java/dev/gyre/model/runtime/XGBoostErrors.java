package dev.gyre.model.runtime;

import java.util.regex.Pattern;

/**
 * Turns XGBoost's native error text into one line a user can act on. XGBoost reports a failure as a message
 * prefixed with a timestamp and its C++ source location and followed by a native stack trace; only the sentence in
 * between says what was wrong.
 */
public final class XGBoostErrors {

    private static final Pattern LOCATION_PREFIX = Pattern.compile("^\\[[0-9:]+\\]\\s+\\S+:\\d+:\\s*");

    private XGBoostErrors() {}

    /** The first meaningful line of {@code error}'s message, without timestamp, source location or stack trace. */
    public static String summary(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        int trace = message.indexOf("Stack trace:");
        if (trace >= 0) {
            message = message.substring(0, trace);
        }
        for (String line : message.strip().split("\\R")) {
            String cleaned =
                    LOCATION_PREFIX.matcher(line.strip()).replaceFirst("").strip();
            if (!cleaned.isEmpty()) {
                return cleaned;
            }
        }
        return error.getClass().getSimpleName();
    }
}
