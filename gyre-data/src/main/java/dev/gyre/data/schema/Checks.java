package dev.gyre.data.schema;

/** Invariants the schema records share; the file reader reports the same problems with key paths first. */
final class Checks {

    private Checks() {}

    static void fraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }

    static void bounds(Double min, Double max) {
        if ((min != null && Double.isNaN(min)) || (max != null && Double.isNaN(max))) {
            throw new IllegalArgumentException("bounds cannot be NaN");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
    }
}
