package dev.gyre.train.evaluate;

/**
 * Precision, recall and F1 of one class, treating it as "positive" and every other class as "negative"; the
 * per-class view shows which class a multiclass model gets wrong, which the averages hide.
 *
 * @param name the class name
 * @param precision share of rows predicted as this class that are this class; 0 when none is predicted
 * @param recall share of rows of this class predicted as it; 0 when the class has no rows
 * @param f1 harmonic mean of precision and recall; 0 when both are 0
 * @param support rows of this class
 */
public record ClassMetrics(String name, double precision, double recall, double f1, long support) {}
