package dev.gyre.serve.rollout;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a canary is stepped and judged.
 *
 * @param steps the candidate's traffic share at each step, in percent, increasing and ending at 100 (canary); for
 *     A/B the single fixed share; unused for shadow
 * @param interval how long each step runs before the analysis decides
 * @param minRequests the fewest candidate requests a step needs before the analysis may advance it (it waits
 *     otherwise; too few to judge is not a pass)
 * @param maxErrorRateIncrease how much higher the candidate's error rate may be than stable's (0.01 = one point)
 * @param p99LatencyMillis the latency SLO the candidate's p99 must meet, from the project's serving targets; 0 when
 *     the project sets none, in which case the candidate's p99 may be at most {@code 1.5 ×} stable's plus 1 ms
 */
public record RolloutPolicy(
        List<Integer> steps,
        Duration interval,
        long minRequests,
        double maxErrorRateIncrease,
        double p99LatencyMillis) {

    /** 10 → 25 → 50 → 100 percent, 30 s a step, 50 requests, +1 point of errors, no SLO of its own. */
    public static final RolloutPolicy DEFAULT_CANARY =
            new RolloutPolicy(List.of(10, 25, 50, 100), Duration.ofSeconds(30), 50, 0.01, 0);

    public RolloutPolicy {
        Objects.requireNonNull(interval, "interval");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a rollout needs at least one traffic step");
        }
        int previous = 0;
        for (int step : steps) {
            if (step <= previous || step > 100) {
                throw new IllegalArgumentException("traffic steps must increase within 1..100 percent, not " + steps);
            }
            previous = step;
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the step interval must be positive, not " + interval);
        }
        if (minRequests < 0) {
            throw new IllegalArgumentException("the minimum number of requests cannot be negative: " + minRequests);
        }
        if (!(maxErrorRateIncrease >= 0 && maxErrorRateIncrease <= 1)) {
            throw new IllegalArgumentException(
                    "the allowed error-rate increase must be within 0..1, not " + maxErrorRateIncrease);
        }
        if (!(p99LatencyMillis >= 0) || Double.isInfinite(p99LatencyMillis)) {
            throw new IllegalArgumentException("the p99 latency SLO must be a positive number of ms or 0 for none");
        }
    }

    /** The same policy with the project's p99 SLO. */
    public RolloutPolicy withP99LatencyMillis(double millis) {
        return new RolloutPolicy(steps, interval, minRequests, maxErrorRateIncrease, millis);
    }
}
