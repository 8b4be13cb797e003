package dev.gyre.data.profile;

/**
 * A frequent value and its estimated count; the true count lies in {@code [lowerBound, upperBound]}.
 */
public record FrequentValue(String value, long count, long lowerBound, long upperBound) {}
