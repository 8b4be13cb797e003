package dev.gyre.train.tune;

import java.util.Objects;
import java.util.Optional;

/**
 * A finished trial: either its outcome or why it failed, and how long it took.
 *
 * @param trial what was trained
 * @param outcome the score, present exactly when the trial succeeded
 * @param failure the failure's message, present exactly when it failed
 * @param wallMillis wall-clock time of the runner's call, in milliseconds
 */
public record TrialResult(Trial trial, Optional<TrialOutcome> outcome, Optional<String> failure, long wallMillis) {

    public TrialResult {
        Objects.requireNonNull(trial, "trial");
        if (outcome.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("a trial result has either an outcome or a failure");
        }
    }

    public static TrialResult succeeded(Trial trial, TrialOutcome outcome, long wallMillis) {
        return new TrialResult(trial, Optional.of(outcome), Optional.empty(), wallMillis);
    }

    public static TrialResult failed(Trial trial, String failure, long wallMillis) {
        return new TrialResult(trial, Optional.empty(), Optional.of(failure), wallMillis);
    }

    public boolean succeeded() {
        return outcome.isPresent();
    }

    /** The trial's score; only for a successful trial. */
    public double score() {
        return outcome.orElseThrow().score();
    }
}
