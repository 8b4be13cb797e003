package dev.gyre.train.project;

import java.util.Objects;
import java.util.Optional;

/**
 * How the training data is divided into train, validation (early stopping, tuning) and test (the final, gating
 * evaluation) rows. A random split suits data whose rows are exchangeable; a time split — oldest rows train, newest
 * test — is the honest one when the model will meet the future, because it measures what drift does to it.
 *
 * @param method random or by time
 * @param seed the random split's seed; the same seed on the same data gives the same split on every JVM
 * @param validation the share of rows held out for validation, in (0, 1)
 * @param test the share of rows held out for the test, in [0, 1); 0 only with a separate test set
 * @param stratify whether a random split keeps each class's share in every part (classification only)
 * @param timeColumn the column ordering the rows, present exactly for a time split
 */
public record SplitSpec(
        Method method, long seed, double validation, double test, boolean stratify, Optional<String> timeColumn) {

    /** The default seed of splits and trainers. */
    public static final long DEFAULT_SEED = 42;

    /** The default validation and test shares. */
    public static final double DEFAULT_FRACTION = 0.2;

    /** How rows are assigned to the parts. */
    public enum Method {
        RANDOM,
        TIME
    }

    public SplitSpec {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(timeColumn, "timeColumn");
        if (!(validation > 0 && validation < 1)) {
            throw new IllegalArgumentException("validation share " + validation + " is not in (0, 1)");
        }
        if (!(test >= 0 && test < 1)) {
            throw new IllegalArgumentException("test share " + test + " is not in [0, 1)");
        }
        if (validation + test >= 1) {
            throw new IllegalArgumentException("validation + test = " + (validation + test) + " leaves no train rows");
        }
        if ((method == Method.TIME) != timeColumn.isPresent()) {
            throw new IllegalArgumentException("a time column is needed by, and only by, a time split");
        }
        if (stratify && method == Method.TIME) {
            throw new IllegalArgumentException("a time split cannot be stratified");
        }
    }

    /** A random split. */
    public static SplitSpec random(long seed, double validation, double test, boolean stratify) {
        return new SplitSpec(Method.RANDOM, seed, validation, test, stratify, Optional.empty());
    }

    /** A split by {@code timeColumn}: the oldest rows train, the newest test. */
    public static SplitSpec byTime(String timeColumn, double validation, double test) {
        return new SplitSpec(Method.TIME, DEFAULT_SEED, validation, test, false, Optional.of(timeColumn));
    }
}
