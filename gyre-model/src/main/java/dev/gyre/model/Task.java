package dev.gyre.model;

import java.util.Locale;

/**
 * The kind of prediction a project makes. It decides the trainer's objective, the metrics that make sense, the
 * baselines and the shape of a prediction: one probability (binary), one per class (multiclass) or one number
 * (regression).
 */
public enum Task {
    BINARY,
    MULTICLASS,
    REGRESSION;

    /** Whether the target is a class rather than a number. */
    public boolean classification() {
        return this != REGRESSION;
    }

    /** The lower-case name used in gyre.yaml and in packages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The task with this {@link #label()}; {@code IllegalArgumentException} naming the choices otherwise. */
    public static Task ofLabel(String label) {
        for (Task task : values()) {
            if (task.label().equals(label)) {
                return task;
            }
        }
        throw new IllegalArgumentException("unknown task '" + label + "' (expected binary, multiclass or regression)");
    }
}
