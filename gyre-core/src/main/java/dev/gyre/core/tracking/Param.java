package dev.gyre.core.tracking;

/** A run parameter: written once, immutable afterwards (MLflow rejects a change of value). */
public record Param(String key, String value) {}
