package dev.gyre.core.data;

/**
 * The outcome of registering a dataset: the version, and whether this call created it ({@code false} when the same
 * bytes were already registered under the name, in which case {@code version} is the existing one).
 */
public record DatasetRegistration(DatasetVersion version, boolean created) {}
