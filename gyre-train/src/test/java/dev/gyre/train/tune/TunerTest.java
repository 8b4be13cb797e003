package dev.gyre.train.tune;

import static dev.gyre.train.tune.ParameterSamplerTest.space;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.train.project.ParameterRange;
import dev.gyre.train.project.SearchSpace;
import dev.gyre.train.project.TuningSpec;
import dev.gyre.train.project.TuningSpec.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TunerTest {

    static final SearchSpace XY =
            space("x", new ParameterRange.Uniform(-2, 2), "y", new ParameterRange.IntRange(0, 10));

    @Test
    void randomSearchFindsTheOptimumRegionOfAQuadratic() {
        TuningResult result = Tuner.search(spec(Method.RANDOM, 200, 2), 42, 100, 2, new Quadratic(), none());

        TrialResult best = result.best();
        assertThat((Integer) best.trial().params().get("y")).isEqualTo(Quadratic.BEST_Y);
        assertThat((Double) best.trial().params().get("x")).isCloseTo(Quadratic.BEST_X, within(0.2));
        assertThat(result.trials()).hasSize(200).allSatisfy(trial -> assertThat(trial.score())
                .isGreaterThanOrEqualTo(best.score()));
        assertThat(result.trials())
                .extracting(trial -> trial.trial().number())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 200).boxed().toList());
        assertThat(result.trials()).allSatisfy(trial -> {
            assertThat(trial.trial().rounds()).isEqualTo(100);
            assertThat(trial.trial().rung()).isZero();
            assertThat(trial.trial().threads()).isEqualTo(1);
        });
        assertThat(result.cutShort()).isFalse();
        assertThat(result.plannedTrials()).isEqualTo(200);
        assertThat(result.failedCount()).isZero();
        assertThat(result.method()).isEqualTo(Method.RANDOM);
    }

    @Test
    void theBestParamsReproduceTheBestScore() {
        TuningResult result = Tuner.search(spec(Method.RANDOM, 20, 2), 42, 100, 2, new Quadratic(), none());
        Trial best = result.best().trial();

        Trial again = new Trial(1, result.bestParams(), best.rounds(), best.threads(), 0);
        assertThat(new Quadratic().run(again).score()).isEqualTo(result.best().score());
    }

    @Test
    void aHigherIsBetterMetricIsMaximised() {
        TrialRunner negated = trial -> new TrialOutcome(-Quadratic.value(trial), "gain", true, 0, null);
        TuningResult maximised = Tuner.search(spec(Method.RANDOM, 30, 1), 5, 10, 1, negated, none());
        TuningResult minimised = Tuner.search(spec(Method.RANDOM, 30, 1), 5, 10, 1, new Quadratic(), none());

        assertThat(maximised.best().trial()).isEqualTo(minimised.best().trial());
        assertThat(maximised.trials()).allSatisfy(trial -> assertThat(trial.score())
                .isLessThanOrEqualTo(maximised.best().score()));
    }

    @Test
    void tiesGoToTheLowestTrialNumber() {
        TrialRunner flat = trial -> new TrialOutcome(0.5, "loss", false, 0, null);

        assertThat(Tuner.search(spec(Method.RANDOM, 8, 2), 1, 10, 2, flat, none())
                        .best()
                        .trial()
                        .number())
                .isEqualTo(1);
    }

    @Test
    void resultsDoNotDependOnParallelismOrCompletionOrder() {
        TrialRunner uneven = trial -> {
            sleep((trial.number() * 7L) % 5 * 3);
            return new Quadratic().run(trial);
        };
        TuningResult serial = Tuner.search(spec(Method.RANDOM, 16, 1), 9, 50, 4, uneven, none());
        TuningResult parallel = Tuner.search(spec(Method.RANDOM, 16, 4), 9, 50, 4, uneven, none());

        assertThat(withoutTimes(parallel.trials()))
                .isEqualTo(withoutTimes(serial.trials()).stream()
                        .map(trial -> trial.withThreads(1))
                        .toList());
        assertThat(serial.trials())
                .allSatisfy(trial -> assertThat(trial.trial().threads()).isEqualTo(4));
        assertThat(parallel.best().trial().number())
                .isEqualTo(serial.best().trial().number());
    }

    @Test
    void neverRunsMoreTrialsAtOnceThanParallelismAndCoresAllow() {
        ConcurrencyProbe fourWantedTwoCores = new ConcurrencyProbe();
        TuningResult bounded = Tuner.search(spec(Method.RANDOM, 12, 4), 3, 10, 2, fourWantedTwoCores, none());

        assertThat(fourWantedTwoCores.max.get()).isEqualTo(2);
        assertThat(bounded.trials())
                .allSatisfy(trial -> assertThat(trial.trial().threads()).isEqualTo(1));

        ConcurrencyProbe twoWantedEightCores = new ConcurrencyProbe();
        TuningResult shared = Tuner.search(spec(Method.RANDOM, 8, 2), 3, 10, 8, twoWantedEightCores, none());

        assertThat(twoWantedEightCores.max.get()).isEqualTo(2);
        assertThat(shared.trials())
                .allSatisfy(trial -> assertThat(trial.trial().threads()).isEqualTo(4));
    }

    @Test
    void theTimeBudgetStopsNewTrialsAndRunningOnesFinish() {
        Duration budget = Duration.ofMillis(300);
        List<Long> startedAfterMillis = Collections.synchronizedList(new ArrayList<>());
        long searchStart = System.nanoTime();
        TrialRunner slow = trial -> {
            startedAfterMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - searchStart));
            sleep(100);
            return new Quadratic().run(trial);
        };
        TuningSpec spec = new TuningSpec(Method.RANDOM, 50, Optional.of(budget), 1, XY);

        TuningResult result = Tuner.search(spec, 42, 10, 1, slow, none());

        assertThat(result.cutShort()).isTrue();
        assertThat(result.plannedTrials()).isEqualTo(50);
        assertThat(result.trials()).hasSizeBetween(2, 5).allSatisfy(TrialResult::succeeded);
        assertThat(result.trials())
                .extracting(trial -> trial.trial().number())
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, result.trials().size()).boxed().toList());
        assertThat(startedAfterMillis).allSatisfy(started -> assertThat(started).isLessThan(budget.toMillis() + 80));
        assertThat(result.wallMillis()).isGreaterThanOrEqualTo(budget.toMillis());
    }

    @Test
    void aTrialThatThrowsIsRecordedAsFailedAndTheSearchGoesOn() {
        TrialRunner picky = trial -> {
            if ((Double) trial.params().get("x") > 0) {
                throw new IllegalStateException(
                        "x must not be positive, was " + trial.params().get("x"));
            }
            return new Quadratic().run(trial);
        };
        List<TrialResult> heard = new ArrayList<>();
        Thread caller = Thread.currentThread();
        TuningListener listener = result -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            heard.add(result);
        };

        TuningResult result = Tuner.search(spec(Method.RANDOM, 20, 2), 42, 10, 2, picky, listener);

        List<TrialResult> failed =
                result.trials().stream().filter(trial -> !trial.succeeded()).toList();
        assertThat(failed).isNotEmpty().hasSize((int) result.failedCount()).allSatisfy(trial -> assertThat(
                        trial.failure())
                .hasValueSatisfying(message -> assertThat(message).startsWith("x must not be positive, was ")));
        assertThat(result.trials()).hasSize(20);
        assertThat(result.best().succeeded()).isTrue();
        assertThat((Double) result.bestParams().get("x")).isNotPositive();
        assertThat(heard).hasSize(20).containsExactlyInAnyOrderElementsOf(result.trials());
    }

    @Test
    void aRunnerThatReturnsNothingFailsItsTrial() {
        TrialRunner oddsOnly = trial -> trial.number() % 2 == 0 ? null : new Quadratic().run(trial);

        TuningResult result = Tuner.search(spec(Method.RANDOM, 6, 1), 1, 10, 1, oddsOnly, none());

        assertThat(result.failedCount()).isEqualTo(3);
        assertThat(result.trials().get(1).failure()).contains("the trial runner returned no outcome");
    }

    @Test
    void whenEveryTrialFailsTheSearchFailsWithTheFirstMessage() {
        TrialRunner broken = trial -> {
            throw GyreException.invalid("unknown XGBoost parameter 'max_dept' (trial " + trial.number() + ")");
        };

        assertThatThrownBy(() -> Tuner.search(spec(Method.RANDOM, 5, 2), 1, 10, 2, broken, none()))
                .isInstanceOfSatisfying(
                        GyreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessage(
                        "every tuning trial failed (5 of 5); trial 1: unknown XGBoost parameter 'max_dept' (trial 1)");
    }

    static TuningSpec spec(Method method, int trials, int parallelism) {
        return new TuningSpec(method, trials, Optional.empty(), parallelism, XY);
    }

    static TuningListener none() {
        return TuningListener.none();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The trials and outcomes, without wall times, which differ from run to run. */
    private static List<TrialAndOutcome> withoutTimes(List<TrialResult> results) {
        return results.stream()
                .map(result -> new TrialAndOutcome(result.trial(), result.outcome()))
                .toList();
    }

    private record TrialAndOutcome(Trial trial, Optional<TrialOutcome> outcome) {
        TrialAndOutcome withThreads(int threads) {
            return new TrialAndOutcome(
                    new Trial(trial.number(), trial.params(), trial.rounds(), threads, trial.rung()), outcome);
        }
    }

    /** Counts the calls running at once; sleeps a little so that calls overlap when they may. */
    private static final class ConcurrencyProbe implements TrialRunner {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();

        @Override
        public TrialOutcome run(Trial trial) {
            max.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                sleep(30);
                return new Quadratic().run(trial);
            } finally {
                running.decrementAndGet();
            }
        }
    }

    @Test
    void aSequentialSearchRunsItsTrialsOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        java.util.Set<Thread> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        TuningSpec spec = new TuningSpec(
                TuningSpec.Method.RANDOM,
                4,
                java.util.Optional.empty(),
                1,
                new dev.gyre.train.project.SearchSpace(
                        java.util.Map.of("x", new dev.gyre.train.project.ParameterRange.Uniform(0, 1))));
        TuningResult result = Tuner.search(
                spec,
                7,
                10,
                2,
                trial -> {
                    seen.add(Thread.currentThread());
                    return new TrialOutcome((Double) trial.params().get("x"), "loss", false, 1, null);
                },
                TuningListener.none());
        assertThat(result.trials()).hasSize(4);
        assertThat(seen).containsExactly(caller);
    }
}
