package dev.gyre.store.search;

/** One parsed order-by clause, e.g. {@code metrics.acc DESC}. */
public record OrderBy(EntityType type, String key, boolean ascending) {}
