package dev.gyre.store.search;

/**
 * One {@code <entity>.<key> <comparator> <value>} clause of a filter, validated for its search target. Keys of
 * attributes are canonical ({@code created} has become {@code start_time}).
 */
public record Comparison(EntityType type, String key, Comparator comparator, SearchValue value) {}
