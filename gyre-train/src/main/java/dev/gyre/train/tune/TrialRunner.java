package dev.gyre.train.tune;

/**
 * Trains and scores one candidate on the validation rows; the seam between the search and whoever trains and
 * records (the CLI's runner opens an MLflow child run per trial). Called from several threads at once, so it must be
 * thread-safe. It may throw: the trial is then recorded as failed with the exception's message and the search goes
 * on.
 */
@FunctionalInterface
public interface TrialRunner {

    /** Trains {@code trial} and returns its validation score; never {@code null}. */
    TrialOutcome run(Trial trial);
}
