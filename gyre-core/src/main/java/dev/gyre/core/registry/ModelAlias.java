package dev.gyre.core.registry;

/** A named pointer such as {@code champion} to one version of a registered model. */
public record ModelAlias(String alias, long version) {}
