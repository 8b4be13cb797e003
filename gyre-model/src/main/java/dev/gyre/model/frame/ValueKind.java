package dev.gyre.model.frame;

import java.util.Locale;

/**
 * What a column's values mean, which decides how a feature pipeline may transform them. Numbers, booleans (1/0) and
 * timestamps (epoch milliseconds, UTC) are held as doubles; text as strings. The same four kinds as the data stage's
 * profiles, so a training profile and a model's signature speak the same language.
 */
public enum ValueKind {
    NUMERIC,
    BOOLEAN,
    TIMESTAMP,
    STRING;

    /** Whether values of this kind live in a {@link NumericColumn}. */
    public boolean numeric() {
        return this != STRING;
    }

    /** The lower-case name used in JSON, YAML and signatures. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this {@link #label()}; {@code IllegalArgumentException} naming the choices otherwise. */
    public static ValueKind ofLabel(String label) {
        for (ValueKind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "unknown value kind '" + label + "' (expected numeric, boolean, timestamp or string)");
    }
}
