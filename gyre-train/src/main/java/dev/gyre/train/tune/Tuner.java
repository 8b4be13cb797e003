package dev.gyre.train.tune;

import dev.gyre.train.project.TuningSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs a hyper-parameter search: the spec's {@link SearchSchedule} rung by rung, trials in parallel within a rung,
 * under the spec's trial count and time budget. The cores are shared out so the machine is busy but not
 * oversubscribed: {@code min(parallelism, cores)} trials at once, each with {@code max(1, cores / parallelism)}
 * native threads.
 *
 * <p>The time budget counts from the call: once it has passed no new trial starts (running ones finish and count)
 * and no further rung is started; the result is then marked {@link TuningResult#cutShort()}. A trial whose runner
 * throws is recorded as failed with the exception's message and the search goes on; only when no trial succeeds does
 * the search fail.
 */
public final class Tuner {

    /** Budgets this long or longer are no limit (and would overflow {@link System#nanoTime()} arithmetic). */
    private static final Duration UNBOUNDED = Duration.ofDays(365L * 100);

    private Tuner() {}

    /**
     * Searches {@code spec.space()} and returns every trial and the best one.
     *
     * @param spec method, trials, time budget, parallelism and space
     * @param seed the project seed; candidate {@code k}'s parameters depend only on it, {@code k} and the space
     * @param rounds the full boosting-round budget of a trial, at least 1
     * @param cores the cores the search may use, at least 1
     * @param runner trains and scores a trial; called from several threads at once
     * @param listener told of each finished trial, on the calling thread
     * @throws dev.gyre.core.error.GyreException (invalid) when no trial succeeded, with the first failure's message
     */
    public static TuningResult search(
            TuningSpec spec, long seed, int rounds, int cores, TrialRunner runner, TuningListener listener) {
        Objects.requireNonNull(spec, "spec");
        if (rounds < 1 || cores < 1) {
            throw new IllegalArgumentException("rounds and cores must be at least 1, not " + rounds + ", " + cores);
        }
        long start = System.nanoTime();
        int workers = workers(spec, cores);
        SearchSchedule schedule = SearchSchedule.of(spec, seed, rounds, threadsPerTrial(spec, cores));
        List<TrialResult> results = new ArrayList<>();
        boolean cutShort = false;
        try (TrialPool pool = new TrialPool(workers, runner, listener, deadline(start, spec))) {
            List<Trial> rung = schedule.firstRung();
            while (!rung.isEmpty()) {
                TrialPool.RungRun run = pool.run(rung);
                results.addAll(run.results());
                if (run.cutShort()) {
                    cutShort = true;
                    break;
                }
                List<Trial> next = schedule.nextRung(run.results());
                if (!next.isEmpty() && pool.deadlinePassed()) {
                    cutShort = true;
                    break;
                }
                rung = next;
            }
        }
        long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return TuningResult.of(spec.method(), results, cutShort, schedule.plannedTrials(), wallMillis);
    }

    /** Trials trained at once: {@code min(parallelism, cores)}. */
    static int workers(TuningSpec spec, int cores) {
        return Math.min(spec.parallelism(), cores);
    }

    /** Native threads per trial: {@code max(1, cores / parallelism)}. */
    static int threadsPerTrial(TuningSpec spec, int cores) {
        return Math.max(1, cores / spec.parallelism());
    }

    private static long deadline(long startNanos, TuningSpec spec) {
        return spec.timeBudget()
                .filter(budget -> budget.compareTo(UNBOUNDED) < 0)
                .map(budget -> startNanos + budget.toNanos())
                .orElse(Long.MAX_VALUE);
    }
}
