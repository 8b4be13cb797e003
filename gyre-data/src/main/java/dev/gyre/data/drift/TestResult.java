package dev.gyre.data.drift;

/**
 * Outcome of a two-sample hypothesis test.
 *
 * @param statistic the test statistic
 * @param pValue probability under the null hypothesis (same distribution) of a statistic at least this extreme, in
 *     [0, 1]
 * @param degreesOfFreedom degrees of freedom where the test has them (chi-square), else 0
 */
public record TestResult(double statistic, double pValue, int degreesOfFreedom) {}
