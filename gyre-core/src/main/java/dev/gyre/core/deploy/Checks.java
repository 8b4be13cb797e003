package dev.gyre.core.deploy;

/** The argument checks the deployment records share; every failure is an {@link IllegalArgumentException}. */
final class Checks {
    private Checks() {}

    /** Not null, not blank, at most {@code max} characters, no control characters. */
    static void text(String value, String what, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " must be at most " + max + " characters, got " + value.length());
        }
        if (value.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t')) {
            throw new IllegalArgumentException(what + " must not contain control characters");
        }
    }

    /** A name: {@link #text} on one line, without surrounding spaces. */
    static void name(String value, String what, int max) {
        text(value, what, max);
        if (!value.equals(value.strip())
                || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0
                || value.indexOf('\t') >= 0) {
            throw new IllegalArgumentException(
                    what + " must be one line without leading or trailing spaces, got '" + value + "'");
        }
    }

    static void percent(int value, String what) {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException(what + " must be between 0 and 100, got " + value);
        }
    }

    /**
     * JSON object text, checked only for its shape ({@code {…}}) and size: the serving layer owns what is inside.
     */
    static void jsonObject(String value, String what, int max) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null (use {} for none)");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " must be at most " + max + " characters, got " + value.length());
        }
        String s = value.strip();
        if (!s.startsWith("{") || !s.endsWith("}")) {
            throw new IllegalArgumentException(what + " must be a JSON object ({...}), got '" + abbreviate(s) + "'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
