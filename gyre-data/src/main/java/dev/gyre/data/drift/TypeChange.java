package dev.gyre.data.drift;

import dev.gyre.data.read.GyreType;

/**
 * A feature whose type differs between the reference and the current profile; it is reported instead of compared,
 * since a changed type is a schema change that no distribution statistic measures.
 */
public record TypeChange(String feature, GyreType reference, GyreType current) {}
