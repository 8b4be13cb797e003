package dev.gyre.data.profile;

/**
 * One histogram bucket, {@code (low, high]} (the first bucket also includes {@code low}); {@code count} is
 * estimated from the KLL sketch, so it is fractional and within the sketch's rank error times the feature count.
 */
public record HistogramBucket(double low, double high, double count) {}
