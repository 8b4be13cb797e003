package dev.gyre.data.profile;

/** An HLL estimate of the number of distinct non-missing values, with bounds at two standard errors (≈ 95%). */
public record DistinctEstimate(double estimate, double lowerBound, double upperBound) {}
