package dev.gyre.core.tracking;

/**
 * One metric observation. {@code timestamp} is milliseconds since the epoch; {@code value} may be NaN or
 * ±Infinity, which MLflow stores and returns (JSON {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}).
 */
public record Metric(String key, double value, long timestamp, long step) {}
