package dev.gyre.train.project;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A hyper-parameter search, scored on the validation rows (never the test rows, which stay for the final,
 * gating evaluation).
 *
 * @param method how candidates are chosen and trained
 * @param trials the number of candidate parameter sets, at least 1
 * @param timeBudget stop starting new trials after this long, if set
 * @param parallelism trials trained at once, at least 1
 * @param space what is varied
 */
public record TuningSpec(Method method, int trials, Optional<Duration> timeBudget, int parallelism, SearchSpace space) {

    public static final int DEFAULT_TRIALS = 20;

    /** Search methods. */
    public enum Method {
        /** Independent random draws from the space, each trained fully. */
        RANDOM,
        /** Successive halving: every candidate trains a few rounds, the better half goes on, until one is left. */
        HALVING
    }

    public TuningSpec {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(timeBudget, "timeBudget");
        Objects.requireNonNull(space, "space");
        if (trials < 1 || parallelism < 1) {
            throw new IllegalArgumentException("trials and parallelism must be at least 1");
        }
    }
}
