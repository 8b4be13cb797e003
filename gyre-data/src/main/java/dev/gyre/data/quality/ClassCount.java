package dev.gyre.data.quality;

/**
 * One label value and its share of the labeled rows.
 *
 * @param label the label as text
 * @param rare whether it is below the rare-class fraction or count
 */
public record ClassCount(String label, long count, double fraction, boolean rare) {}
