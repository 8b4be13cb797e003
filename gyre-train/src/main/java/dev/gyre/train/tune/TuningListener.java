package dev.gyre.train.tune;

/**
 * Told of each trial as it finishes, in completion order, for progress output. Called on the thread that runs
 * {@link Tuner#search}, one call at a time, so it need not be thread-safe; an exception it throws ends the search.
 */
@FunctionalInterface
public interface TuningListener {

    void trialFinished(TrialResult result);

    /** A listener that ignores every trial. */
    static TuningListener none() {
        return result -> {};
    }
}
