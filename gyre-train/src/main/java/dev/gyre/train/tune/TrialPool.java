package dev.gyre.train.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs trials on a fixed number of worker threads, never more at once, starting a trial only while the deadline has
 * not passed. The calling thread hands trials out as workers free up and tells the listener of each finished one, so
 * a trial starts exactly when it is handed out and the listener is only ever called from the caller's thread.
 *
 * <p>With one worker there is no pool: trials run on the calling thread. XGBoost's OpenMP runtime keeps a team of
 * threads per calling thread; once the main thread had trained with two XGBoost threads, the same training on a pool
 * thread took 1.3–1.7 s instead of 0.3 s on 2 cores ({@code dev.gyre.bench.train.ThreadTeamBench},
 * docs/benchmarks.md). Keeping a sequential search on the caller's thread keeps its trials and the final training
 * after it on one team.
 */
final class TrialPool implements AutoCloseable {

    private final int workers;
    private final TrialRunner runner;
    private final TuningListener listener;
    private final long deadlineNanos;
    private final ExecutorService executor;

    /** A rung's finished trials, by trial number, and whether the deadline kept some from starting. */
    record RungRun(List<TrialResult> results, boolean cutShort) {}

    /**
     * @param deadlineNanos the {@link System#nanoTime()} after which no trial starts; {@code Long.MAX_VALUE} for none
     */
    TrialPool(int workers, TrialRunner runner, TuningListener listener, long deadlineNanos) {
        this.workers = workers;
        this.runner = Objects.requireNonNull(runner, "runner");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.deadlineNanos = deadlineNanos;
        this.executor = workers == 1
                ? null
                : Executors.newFixedThreadPool(
                        workers,
                        Thread.ofPlatform().name("gyre-tune-", 1).daemon(true).factory());
    }

    /** Runs {@code trials} in order, at most {@code workers} at once, until all ran or the deadline passed. */
    RungRun run(List<Trial> trials) {
        if (executor == null) {
            return runHere(trials);
        }
        CompletionService<TrialResult> completion = new ExecutorCompletionService<>(executor);
        List<TrialResult> results = new ArrayList<>();
        int next = 0;
        int running = 0;
        boolean cutShort = false;
        while (next < trials.size() || running > 0) {
            while (running < workers && next < trials.size()) {
                if (deadlinePassed()) {
                    cutShort = true;
                    next = trials.size();
                    break;
                }
                Trial trial = trials.get(next++);
                completion.submit(() -> attempt(trial));
                running++;
            }
            if (running > 0) {
                TrialResult result = take(completion);
                running--;
                results.add(result);
                listener.trialFinished(result);
            }
        }
        results.sort((a, b) -> Integer.compare(a.trial().number(), b.trial().number()));
        return new RungRun(List.copyOf(results), cutShort);
    }

    /** One worker: the trials in order on this thread. */
    private RungRun runHere(List<Trial> trials) {
        List<TrialResult> results = new ArrayList<>();
        for (Trial trial : trials) {
            if (deadlinePassed()) {
                return new RungRun(List.copyOf(results), true);
            }
            TrialResult result = attempt(trial);
            results.add(result);
            listener.trialFinished(result);
        }
        return new RungRun(List.copyOf(results), false);
    }

    /** Whether the deadline has passed, so that no further trial may start. */
    boolean deadlinePassed() {
        return deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos >= 0;
    }

    private TrialResult attempt(Trial trial) {
        long start = System.nanoTime();
        try {
            TrialOutcome outcome = runner.run(trial);
            if (outcome == null) {
                return TrialResult.failed(trial, "the trial runner returned no outcome", elapsedMillis(start));
            }
            return TrialResult.succeeded(trial, outcome, elapsedMillis(start));
        } catch (RuntimeException e) {
            return TrialResult.failed(trial, describe(e), elapsedMillis(start));
        }
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private TrialResult take(CompletionService<TrialResult> completion) {
        try {
            return completion.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
            throw new CancellationException("the tuning search was interrupted");
        } catch (ExecutionException e) {
            // attempt() turns every RuntimeException into a failed trial, so only an Error gets here
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a tuning trial ended unexpectedly", e.getCause());
        }
    }

    /** Waits for running trials to finish, then stops the workers. */
    @Override
    public void close() {
        if (executor != null) {
            executor.close();
        }
    }
}
