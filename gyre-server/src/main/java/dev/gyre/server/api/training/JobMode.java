package dev.gyre.server.api.training;

import dev.gyre.core.error.GyreException;
import java.util.Locale;

/** What a training job does: {@code gyre train} or {@code gyre tune} on the project file. */
public enum JobMode {
    TRAIN,
    TUNE;

    /** The wire name, {@code train} or {@code tune}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The request's {@code mode}; {@code train} when absent. */
    static JobMode of(String value) {
        if (value == null || value.equals("train")) {
            return TRAIN;
        }
        if (value.equals("tune")) {
            return TUNE;
        }
        throw GyreException.invalid("'mode' must be \"train\" or \"tune\", was \"" + value + "\"");
    }
}
