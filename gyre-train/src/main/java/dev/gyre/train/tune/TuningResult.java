package dev.gyre.train.tune;

import dev.gyre.core.error.GyreException;
import dev.gyre.train.project.TuningSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a search found. Its content depends only on the spec, seed, rounds, cores and runner, not on the order in
 * which trials finished (unless a time budget cut it short, which depends on timing).
 *
 * <p>To reproduce the best model, train with {@code best().trial().params()} (over the project's
 * {@code model.params}) and {@code best().trial().rounds()} rounds, with the same seed, early stopping and data; a
 * byte-identical model also needs {@code best().trial().threads()} threads, since XGBoost's histogram sums depend on
 * the thread count.
 *
 * @param method the search method
 * @param trials every trial that ran, failed ones included, by trial number
 * @param best the best successful trial of the highest rung that has one (the only rung of random search): best
 *     score in the metric's direction, ties to the lowest trial number
 * @param cutShort whether the time budget stopped trials from starting
 * @param plannedTrials how many trials the schedule planned
 * @param wallMillis the search's wall-clock time in milliseconds
 */
public record TuningResult(
        TuningSpec.Method method,
        List<TrialResult> trials,
        TrialResult best,
        boolean cutShort,
        int plannedTrials,
        long wallMillis) {

    public TuningResult {
        Objects.requireNonNull(method, "method");
        trials = trials.stream()
                .sorted(Comparator.comparingInt(result -> result.trial().number()))
                .toList();
        if (!best.succeeded() || !trials.contains(best)) {
            throw new IllegalArgumentException("the best trial must be one of the successful trials");
        }
    }

    /**
     * The result of the trials that ran, with the best chosen as documented. {@code GyreException} (invalid) when no
     * trial succeeded, with the first failure's message, since a search where every trial fails is almost always a
     * bad parameter or range.
     */
    public static TuningResult of(
            TuningSpec.Method method, List<TrialResult> trials, boolean cutShort, int plannedTrials, long wallMillis) {
        int highestRung = trials.stream()
                .filter(TrialResult::succeeded)
                .mapToInt(result -> result.trial().rung())
                .max()
                .orElseThrow(() -> noSuccess(trials));
        List<TrialResult> lastRung = trials.stream()
                .filter(result -> result.trial().rung() == highestRung)
                .toList();
        TrialResult best = TrialRanking.bestFirst(lastRung).getFirst();
        return new TuningResult(method, trials, best, cutShort, plannedTrials, wallMillis);
    }

    /** The best trial's parameters: what the final model is trained with. */
    public Map<String, Object> bestParams() {
        return best.trial().params();
    }

    /** How many trials failed. */
    public long failedCount() {
        return trials.stream().filter(result -> !result.succeeded()).count();
    }

    private static GyreException noSuccess(List<TrialResult> trials) {
        if (trials.isEmpty()) {
            return GyreException.invalid("no tuning trial ran: the time budget ran out before the first one started");
        }
        TrialResult first = trials.stream()
                .min(Comparator.comparingInt(result -> result.trial().number()))
                .orElseThrow();
        return GyreException.invalid("every tuning trial failed (" + trials.size() + " of " + trials.size()
                + "); trial " + first.trial().number() + ": " + first.failure().orElseThrow());
    }
}
