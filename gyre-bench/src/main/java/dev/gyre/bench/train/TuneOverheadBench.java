package dev.gyre.bench.train;

import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Param;
import dev.gyre.core.tracking.RunStatus;
import dev.gyre.core.tracking.Tag;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.TrackingStore;
import dev.gyre.store.sql.SqlMetadataStores;
import dev.gyre.train.project.ParameterRange;
import dev.gyre.train.project.SearchSpace;
import dev.gyre.train.project.TuningSpec;
import dev.gyre.train.trainer.IterationMetrics;
import dev.gyre.train.trainer.TrainedModel;
import dev.gyre.train.trainer.TrainerSettings;
import dev.gyre.train.trainer.TrainingData;
import dev.gyre.train.trainer.XGBoostTrainer;
import dev.gyre.train.tune.ParameterSampler;
import dev.gyre.train.tune.TrialOutcome;
import dev.gyre.train.tune.TrialResult;
import dev.gyre.train.tune.TrialRunner;
import dev.gyre.train.tune.Tuner;
import dev.gyre.train.tune.TuningListener;
import dev.gyre.train.tune.TuningResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The overhead of a hyper-parameter search on top of the trainings it runs, on a {@link TrainSetup} file (the
 * Lending Club matrix; the test rows serve as validation rows, which score each trial).
 *
 * <ol>
 *   <li><b>Tuner</b>: {@link Tuner#search} with random search, {@code K} trials, parallelism 1 (so each trial gets
 *       every core, {@code CORES} native threads), {@value BenchParams#ROUNDS} rounds, a runner that trains with the
 *       trial's parameters over {@link BenchParams}' and records nothing; against the same {@code K} parameter sets
 *       (drawn with the same {@link ParameterSampler}) trained directly in a loop. Passes alternate
 *       (direct, tuner, direct, tuner, …) so that a change of machine load hits both. Overhead per trial =
 *       (Σ tuner wall − Σ direct training) / trials, also as a share of the mean direct training; and, less
 *       exposed to load changes between passes, (tuner wall − Σ the trials' own runner times) / trials.
 *   <li><b>Recording, as {@code gyre tune} does it</b>: the store calls {@code TuningSearch} makes per trial through
 *       its package-private {@code RunRecorder} (neither is reachable from here, so the same {@code TrackingStore}
 *       calls are made directly, in the same order and batches), on an embedded H2 file store opened with
 *       {@link SqlMetadataStores#open} in a temporary folder: look up the experiment, create the child run with its
 *       6 tags, log the model's recorded params plus 3, the curve of the scored metric (validation {@code logloss}
 *       every round, training {@code logloss} every 10 rounds) and the 2 best-iteration metrics in one batch, and
 *       finish the run. Timed alone ({@code STORE_TRIALS} times after 5 warm-ups), and once more inside
 *       a whole tuner pass whose runner trains and records.
 * </ol>
 *
 * <p>Usage: {@code TuneOverheadBench FILE [TRIALS=10] [PASSES=2] [CORES=2] [STORE_TRIALS=50]}.
 */
public final class TuneOverheadBench {

    private static final String EXPERIMENT = "tune-overhead-bench";

    private TuneOverheadBench() {}

    public static void main(String[] args) throws Exception {
        NumericCsv csv = NumericCsv.read(Path.of(args[0]));
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int cores = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int storeTrials = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        TrainingData data = csv.trainingData().withValidation(csv.test(), csv.testLabels());
        XGBoostTrainer trainer = new XGBoostTrainer();
        Map<String, ParameterRange> ranges = new LinkedHashMap<>();
        ranges.put("max_depth", new ParameterRange.IntRange(3, 8));
        ranges.put("eta", new ParameterRange.LogUniform(0.03, 0.3));
        ranges.put("subsample", new ParameterRange.Uniform(0.6, 1.0));
        ranges.put("colsample_bytree", new ParameterRange.Uniform(0.6, 1.0));
        SearchSpace space = new SearchSpace(ranges);
        TuningSpec spec = new TuningSpec(TuningSpec.Method.RANDOM, trials, Optional.empty(), 1, space);
        ParameterSampler sampler = new ParameterSampler(space, BenchParams.SEED);
        int threads = Math.max(1, cores / spec.parallelism()); // as Tuner gives each trial

        // The runner both sides train with: the trial's params over the bench's, no early stopping.
        TrialRunner plain = trial -> train(trainer, data, trial.params(), trial.rounds(), trial.threads(), null);
        train(trainer, data, sampler.sample(1), BenchParams.ROUNDS, threads, null); // warm-up

        double directTotal = 0;
        double tunerTotal = 0;
        List<String> perPass = new ArrayList<>();
        double runnerTotal = 0;
        for (int pass = 1; pass <= passes; pass++) {
            double direct = 0;
            for (int k = 1; k <= trials; k++) {
                long start = System.nanoTime();
                train(trainer, data, sampler.sample(k), BenchParams.ROUNDS, threads, null);
                direct += (System.nanoTime() - start) / 1e6;
            }
            long start = System.nanoTime();
            TuningResult result =
                    Tuner.search(spec, BenchParams.SEED, BenchParams.ROUNDS, cores, plain, TuningListener.none());
            double tuner = (System.nanoTime() - start) / 1e6;
            double runner = result.trials().stream()
                    .mapToDouble(TrialResult::wallMillis)
                    .sum();
            if (result.trials().size() != trials || result.failedCount() > 0) {
                throw new IllegalStateException(
                        "the search ran " + result.trials().size() + " trials, " + result.failedCount() + " failed");
            }
            System.out.printf(
                    "pass %d: direct %.0f ms, tuner %.0f ms (its trials' runner time %.0f ms)%n",
                    pass, direct, tuner, runner);
            perPass.add(BenchParams.num((tuner - direct) / trials, 1));
            directTotal += direct;
            tunerTotal += tuner;
            runnerTotal += runner;
        }
        int total = trials * passes;
        double meanTrial = directTotal / total;
        double overhead = (tunerTotal - directTotal) / total;
        double inRun = (tunerTotal - runnerTotal) / total;
        BenchParams.result(
                "bench", "tune_overhead",
                "data", csv.name(),
                "trials", trials,
                "passes", passes,
                "cores", cores,
                "threads_per_trial", threads,
                "rounds", BenchParams.ROUNDS,
                "direct_ms", BenchParams.ms(directTotal),
                "tuner_ms", BenchParams.ms(tunerTotal),
                "mean_trial_ms", BenchParams.ms(meanTrial),
                "overhead_ms_per_trial", BenchParams.num(overhead, 2),
                "overhead_pct", BenchParams.num(100 * overhead / meanTrial, 2),
                "overhead_ms_per_trial_by_pass", String.join(",", perPass),
                "in_run_overhead_ms_per_trial", BenchParams.num(inRun, 2),
                "in_run_overhead_pct", BenchParams.num(100 * inRun / meanTrial, 2));

        // 2. What gyre tune records per trial, on an embedded H2 file store.
        Path folder = Files.createTempDirectory("gyre-tune-bench-");
        try (MetadataStores stores = SqlMetadataStores.open("h2:" + folder.resolve("db/gyre"), "mlflow-artifacts:/")) {
            TrackingStore tracking = stores.tracking();
            tracking.createExperiment(EXPERIMENT, null, List.of());
            String parent = tracking.createRun(
                            experimentId(tracking), "bench", System.currentTimeMillis(), List.of(), "tuning")
                    .info()
                    .runId();
            Recording sample;
            try (TrainedModel model = trainer.train(data, settings(sampler.sample(1), BenchParams.ROUNDS, threads))) {
                sample = new Recording(model);
            }
            double[] alone = new double[storeTrials];
            for (int i = -5; i < storeTrials; i++) {
                long start = System.nanoTime();
                sample.record(tracking, parent, Math.max(1, i + 6));
                if (i >= 0) {
                    alone[i] = (System.nanoTime() - start) / 1e6;
                }
            }
            // A whole tuner pass whose runner trains and records as TuningSearch does.
            AtomicLong recordingNanos = new AtomicLong();
            TrialRunner recording =
                    trial -> train(trainer, data, trial.params(), trial.rounds(), trial.threads(), model -> {
                        long start = System.nanoTime();
                        new Recording(model).record(tracking, parent, trial.number());
                        recordingNanos.addAndGet(System.nanoTime() - start);
                    });
            double direct = 0;
            for (int k = 1; k <= trials; k++) {
                long start = System.nanoTime();
                train(trainer, data, sampler.sample(k), BenchParams.ROUNDS, threads, null);
                direct += (System.nanoTime() - start) / 1e6;
            }
            long start = System.nanoTime();
            TuningResult result =
                    Tuner.search(spec, BenchParams.SEED, BenchParams.ROUNDS, cores, recording, TuningListener.none());
            double tuner = (System.nanoTime() - start) / 1e6;
            double perTrial = (tuner - direct) / trials;
            double recordedPerTrial = recordingNanos.get() / 1e6 / trials;
            // The trials' training alone: their runner time less the store calls made inside it.
            double training = result.trials().stream()
                            .mapToDouble(TrialResult::wallMillis)
                            .sum()
                    - recordingNanos.get() / 1e6;
            double inRunPerTrial = (tuner - training) / trials;
            System.out.printf(
                    "with recording: direct %.0f ms, tuner %.0f ms, of which store calls %.0f ms%n",
                    direct, tuner, recordedPerTrial * trials);
            BenchParams.result(
                    "bench", "tune_store_overhead",
                    "data", csv.name(),
                    "store", "h2_file",
                    "trials", trials,
                    "params_per_trial", sample.params.size(),
                    "metrics_per_trial",
                            sample.history.stream()
                                            .filter(m -> m.key().endsWith(".logloss"))
                                            .count()
                                    + 2,
                    "tags_per_trial", 6,
                    "store_reps", storeTrials,
                    "store_median_ms", BenchParams.ms(BenchParams.median(alone)),
                    "store_min_ms", BenchParams.ms(BenchParams.min(alone)),
                    "store_pct", BenchParams.num(100 * BenchParams.median(alone) / meanTrial, 2),
                    "mean_trial_ms", BenchParams.ms(direct / trials),
                    "tuner_with_store_overhead_ms_per_trial", BenchParams.num(perTrial, 2),
                    "tuner_with_store_overhead_pct", BenchParams.num(100 * perTrial / (direct / trials), 2),
                    "store_in_tuner_ms_per_trial", BenchParams.num(recordedPerTrial, 2),
                    "in_run_with_store_overhead_ms_per_trial", BenchParams.num(inRunPerTrial, 2),
                    "in_run_with_store_overhead_pct", BenchParams.num(100 * inRunPerTrial / (training / trials), 2));
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static TrainerSettings settings(Map<String, Object> trialParams, int rounds, int threads) {
        Map<String, Object> params = new LinkedHashMap<>(BenchParams.params());
        params.putAll(trialParams);
        return new TrainerSettings(rounds, 0, BenchParams.SEED, threads, params);
    }

    private interface AfterTraining {
        void accept(TrainedModel model);
    }

    private static TrialOutcome train(
            XGBoostTrainer trainer,
            TrainingData data,
            Map<String, Object> trialParams,
            int rounds,
            int threads,
            AfterTraining after) {
        try (TrainedModel model = trainer.train(data, settings(trialParams, rounds, threads))) {
            if (after != null) {
                after.accept(model);
            }
            double score = model.bestMetrics().validation().get("logloss");
            return new TrialOutcome(score, "logloss", false, model.bestIteration(), null);
        }
    }

    private static String experimentId(TrackingStore tracking) {
        return tracking.getExperimentByName(EXPERIMENT).orElseThrow().experimentId();
    }

    /** What TuningSearch.runTrial hands to its RunRecorder for one trained trial. */
    private static final class Recording {
        final Map<String, String> params = new TreeMap<>();
        final List<Metric> history = new ArrayList<>();
        final double score;
        final int bestIteration;

        Recording(TrainedModel model) {
            model.params().forEach((key, value) -> params.put("model." + key, value));
            params.put("trainer", model.trainer());
            params.put("trial.rounds", Integer.toString(BenchParams.ROUNDS));
            params.put("trial.threads", "2");
            long now = System.currentTimeMillis();
            for (IterationMetrics iteration : model.history()) {
                iteration.train().forEach((key, value) -> {
                    if (Double.isFinite(value)) {
                        history.add(new Metric("train." + key, value, now, iteration.iteration()));
                    }
                });
                iteration.validation().forEach((key, value) -> {
                    if (Double.isFinite(value)) {
                        history.add(new Metric("validation." + key, value, now, iteration.iteration()));
                    }
                });
            }
            score = model.bestMetrics().validation().get("logloss");
            bestIteration = model.bestIteration();
        }

        /** RunRecorder.start, one batch of params and metrics (history and best), finish: TuningSearch's calls, in order. */
        void record(TrackingStore tracking, String parent, int number) {
            String experimentId = experimentId(tracking);
            Map<String, String> tags = new TreeMap<>();
            tags.put("mlflow.parentRunId", parent);
            tags.put("mlflow.user", "bench");
            tags.put("gyre.project", EXPERIMENT);
            tags.put("gyre.task", "binary");
            tags.put("gyre.trial", Integer.toString(number));
            tags.put("gyre.rung", "0");
            List<Tag> runTags = new ArrayList<>();
            tags.forEach((key, value) -> runTags.add(new Tag(key, value)));
            String runId = tracking.createRun(
                            experimentId, "bench", System.currentTimeMillis(), runTags, "trial-" + number)
                    .info()
                    .runId();
            List<Param> params = new ArrayList<>();
            this.params.forEach((key, value) -> params.add(new Param(key, value)));
            long now = System.currentTimeMillis();
            // TuningSearch records the curve of the scored metric only (train and validation logloss)
            List<Metric> metrics = new ArrayList<>(
                    history.stream().filter(m -> m.key().endsWith(".logloss")).toList());
            metrics.add(new Metric("best.validation.logloss", score, now, 0));
            metrics.add(new Metric("best_iteration", bestIteration, now, 0));
            // RunRecorder.batch: one call while within MLflow's limits (1000 metrics, 100 params)
            tracking.logBatch(runId, metrics, params, List.of());
            tracking.updateRun(runId, RunStatus.FINISHED, System.currentTimeMillis(), null);
        }
    }
}
