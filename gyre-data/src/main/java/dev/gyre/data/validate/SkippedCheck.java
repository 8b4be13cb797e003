package dev.gyre.data.validate;

/**
 * A check the validator could not run, listed so that a pass is never mistaken for a check that passed: e.g. a
 * row-level expectation when only a profile was validated.
 *
 * @param column the column, or {@code null} for a dataset-level check
 * @param check the check's name, e.g. {@code regex}
 * @param reason why it did not run
 */
public record SkippedCheck(String column, String check, String reason) {}
