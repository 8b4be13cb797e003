package dev.gyre.bench.train;

import dev.gyre.model.Task;
import dev.gyre.train.trainer.TrainedModel;
import dev.gyre.train.trainer.TrainerSettings;
import dev.gyre.train.trainer.TrainingData;
import dev.gyre.train.trainer.XGBoostTrainer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * Two questions the training benchmark left open, answered in one JVM on one file:
 *
 * <ol>
 *   <li><b>Gyre's trainer against plain XGBoost4J, alternated</b>: {@code XGBoostTrainer.train} and {@code
 *       XGBoost.train} + UBJ serialisation, one after the other {@code ROUNDS} times, so that drift of the machine
 *       hits both alike; prints each side's median and range.
 *   <li><b>One OpenMP team per process</b>: the same plain training on the main thread, then on a pool thread, then
 *       on the main thread again. libgomp keeps a thread team per calling thread; on a 2-core machine the trainings
 *       after the first pool-thread one were about three times slower on both threads, which is why a sequential
 *       tuning search trains on the calling thread.
 * </ol>
 *
 * <p>Usage: {@code ThreadTeamBench FILE [ROUNDS=6] [THREADS=2]}, with FILE a numeric CSV of {@link TrainSetup}
 * (e.g. {@code $BENCH_WORK/lending.csv}). Prints RESULT lines.
 */
public final class ThreadTeamBench {

    private ThreadTeamBench() {}

    public static void main(String[] args) throws Exception {
        NumericCsv data = NumericCsv.read(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        TrainingData training = TrainingData.of(Task.BINARY, 2, data.train(), data.trainLabels());
        TrainerSettings settings =
                new TrainerSettings(BenchParams.ROUNDS, 0, BenchParams.SEED, threads, BenchParams.params());
        XGBoostTrainer trainer = new XGBoostTrainer();
        plain(data, threads); // warm-up, on the main thread
        double[] gyre = new double[rounds];
        double[] plain = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            TrainedModel model = trainer.train(training, settings);
            gyre[i] = (System.nanoTime() - start) / 1e6;
            model.close();
            plain[i] = plain(data, threads);
        }
        result("alternated", "gyre_trainer", gyre);
        result("alternated", "plain_xgboost4j", plain);

        double[] main = new double[rounds];
        double[] pool = new double[rounds];
        double[] mainAgain = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            main[i] = plain(data, threads);
        }
        try (ExecutorService executor = Executors.newSingleThreadExecutor()) {
            for (int i = 0; i < rounds; i++) {
                pool[i] = executor.submit(() -> plain(data, threads)).get();
            }
        }
        for (int i = 0; i < rounds; i++) {
            mainAgain[i] = plain(data, threads);
        }
        result("threads", "main_thread", main);
        result("threads", "pool_thread", pool);
        result("threads", "main_thread_after_pool", mainAgain);
    }

    /** Plain XGBoost4J: DMatrix, {@code XGBoost.train} without evaluation, UBJ bytes; milliseconds. */
    private static double plain(NumericCsv data, int threads) throws Exception {
        Map<String, Object> params = new HashMap<>(BenchParams.params());
        params.put("objective", "binary:logistic");
        params.put("nthread", threads);
        params.put("seed", BenchParams.SEED);
        long start = System.nanoTime();
        DMatrix matrix = new DMatrix(
                data.train().values(), data.train().rows(), data.train().width(), Float.NaN);
        try {
            matrix.setLabel(data.trainLabels());
            Booster booster = XGBoost.train(matrix, params, BenchParams.ROUNDS, Map.of(), null, null);
            try {
                booster.toByteArray("ubj");
            } finally {
                booster.dispose();
            }
        } finally {
            matrix.dispose();
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static void result(String bench, String variant, double[] millis) {
        BenchParams.result(
                "bench",
                "thread_team_" + bench,
                "variant",
                variant,
                "runs",
                millis.length,
                "median_ms",
                BenchParams.ms(BenchParams.median(millis)),
                "min_ms",
                BenchParams.ms(BenchParams.min(millis)),
                "max_ms",
                BenchParams.ms(max(millis)));
    }

    private static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            max = Math.max(max, value);
        }
        return max;
    }
}
