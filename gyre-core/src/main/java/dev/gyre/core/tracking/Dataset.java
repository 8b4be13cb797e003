package dev.gyre.core.tracking;

/**
 * A dataset as MLflow's {@code log-inputs} describes it. {@code name} + {@code digest} identify it within an
 * experiment; {@code schema} and {@code profile} are JSON strings and may be null.
 */
public record Dataset(String name, String digest, String sourceType, String source, String schema, String profile) {}
