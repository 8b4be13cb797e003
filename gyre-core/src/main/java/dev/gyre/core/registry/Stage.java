package dev.gyre.core.registry;

import dev.gyre.core.error.GyreException;
import java.util.Locale;

/** MLflow's (deprecated but still used) model version stages; wire names are {@code None}, {@code Staging}, … */
public enum Stage {
    NONE("None"),
    STAGING("Staging"),
    PRODUCTION("Production"),
    ARCHIVED("Archived");

    private final String wireName;

    Stage(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Parses a stage case-insensitively, as MLflow does. */
    public static Stage fromWire(String value) {
        if (value != null) {
            for (Stage s : values()) {
                if (s.wireName.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        throw GyreException.invalid("Invalid Model Version stage: " + value
                + ". Value must be one of None, Staging, Production, Archived.");
    }
}
