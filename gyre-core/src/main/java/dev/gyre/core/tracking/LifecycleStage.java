package dev.gyre.core.tracking;

/** Soft-delete state of experiments and runs; MLflow's wire values are the lower-case names. */
public enum LifecycleStage {
    ACTIVE,
    DELETED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static LifecycleStage fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
