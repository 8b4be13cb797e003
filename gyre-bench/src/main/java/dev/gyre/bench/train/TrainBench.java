package dev.gyre.bench.train;

import dev.gyre.model.runtime.Scores;
import dev.gyre.train.evaluate.BinaryMetrics;
import dev.gyre.train.trainer.TrainedModel;
import dev.gyre.train.trainer.TrainerSettings;
import dev.gyre.train.trainer.TrainingData;
import dev.gyre.train.trainer.XGBoostTrainer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Times {@link XGBoostTrainer#train} on a {@link TrainSetup} file: {@code WARMUP} unmeasured trainings, then
 * {@code REPS} measured ones, with {@link BenchParams}' parameters, {@value BenchParams#ROUNDS} rounds, no early
 * stopping, seed {@value BenchParams#SEED}. The measured call is what a user pays: it builds the DMatrix from the
 * feature matrix, runs the rounds and evaluates the training set every 25 rounds (Gyre records the metric history
 * of every run, {@code logloss} and {@code auc} for a binary task). Also timed on their own: building the DMatrix
 * (as the trainer does: dense floats, {@code NaN} missing, labels), and — as a reference for the binding and the
 * XGBoost version — plain XGBoost4J ({@code XGBoost.train} without evaluation) on the same DMatrix, alternated with
 * Gyre's trainer rep by rep. Prints one
 * {@code RESULT} line per variant with the test AUC ({@link BinaryMetrics}).
 *
 * <p>Usage: {@code TrainBench FILE [WARMUP=1] [REPS=3] [THREADS=2] [RAW=1]}.
 */
public final class TrainBench {

    private TrainBench() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        boolean raw = args.length <= 4 || !args[4].equals("0");
        long loadStart = System.nanoTime();
        NumericCsv csv = NumericCsv.read(file);
        System.out.printf(
                "read %s in %.0f ms: %d training rows, %d test rows, %d features%n",
                file,
                (System.nanoTime() - loadStart) / 1e6,
                csv.train().rows(),
                csv.test().rows(),
                csv.width());
        Map<String, Object> params = BenchParams.params();
        TrainerSettings settings = new TrainerSettings(BenchParams.ROUNDS, 0, BenchParams.SEED, threads, params);
        TrainingData data = csv.trainingData();
        XGBoostTrainer trainer = new XGBoostTrainer();
        Object[] common = {
            "data", csv.name(),
            "rows", csv.train().rows(),
            "test_rows", csv.test().rows(),
            "features", csv.width(),
            "rounds", BenchParams.ROUNDS,
            "threads", threads,
            "reps", reps,
            "params", BenchParams.describe(params),
            "checksum", BenchParams.num(csv.checksum(), 3),
            "missing", csv.missing()
        };

        // 1. Gyre's trainer (the whole call) and plain XGBoost4J, alternated rep by rep so that the JVM's own
        // start-up work (JIT compilation, GC threads on the same two cores) and any drift of the machine hit both
        // alike; timed in blocks, the side measured first paid for the JIT.
        Map<String, Object> rawParams = new HashMap<>(params);
        rawParams.put("objective", "binary:logistic");
        rawParams.put("nthread", threads);
        rawParams.put("seed", BenchParams.SEED);
        double[] times = new double[reps];
        double[] rawTimes = new double[reps];
        double auc = Double.NaN;
        double rawAuc = Double.NaN;
        for (int i = -warmup; i < reps; i++) {
            String rep = i < 0 ? "warm-up" : "rep " + (i + 1);
            long start = System.nanoTime();
            try (TrainedModel model = trainer.train(data, settings)) {
                double ms = (System.nanoTime() - start) / 1e6;
                if (i >= 0) {
                    times[i] = ms;
                }
                System.out.printf("gyre %s: %.0f ms%n", rep, ms);
                auc = auc(model.predictor().predict(csv.test()), csv);
            }
            if (raw) {
                double[] timed = new double[1];
                rawAuc = plainTraining(csv, rawParams, timed);
                if (i >= 0) {
                    rawTimes[i] = timed[0];
                }
                System.out.printf("xgboost4j %s: %.0f ms%n", rep, timed[0]);
            }
        }

        // 2. Building the DMatrix alone, as the trainer does.
        double[] dmatrix = new double[Math.max(reps, 3)];
        for (int i = -1; i < dmatrix.length; i++) {
            long start = System.nanoTime();
            DMatrix matrix = trainMatrix(csv);
            double ms = (System.nanoTime() - start) / 1e6;
            matrix.dispose();
            if (i >= 0) {
                dmatrix[i] = ms;
            }
        }
        double dmatrixMedian = BenchParams.median(dmatrix);
        double median = BenchParams.median(times);
        BenchParams.result(concat(
                new Object[] {"bench", "xgb_train", "side", "gyre", "variant", "trainer_train"}, common, new Object[] {
                    "median_ms", BenchParams.ms(median),
                    "min_ms", BenchParams.ms(BenchParams.min(times)),
                    "dmatrix_ms", BenchParams.ms(dmatrixMedian),
                    "train_ms", BenchParams.ms(median - dmatrixMedian),
                    "auc", BenchParams.num(auc, 6),
                    "xgboost", xgboostVersion()
                }));
        if (raw) {
            double rawMedian = BenchParams.median(rawTimes);
            BenchParams.result(concat(
                    new Object[] {"bench", "xgb_train", "side", "xgboost4j", "variant", "train_no_eval"},
                    common,
                    new Object[] {
                        "median_ms", BenchParams.ms(rawMedian),
                        "min_ms", BenchParams.ms(BenchParams.min(rawTimes)),
                        "dmatrix_ms", BenchParams.ms(dmatrixMedian),
                        "train_ms", BenchParams.ms(rawMedian - dmatrixMedian),
                        "auc", BenchParams.num(rawAuc, 6),
                        "xgboost", xgboostVersion()
                    }));
        }
    }

    /**
     * Plain XGBoost4J, no per-round evaluation (the binding and version reference): DMatrix and {@code XGBoost.train},
     * timed into {@code millis[0]}; answers the test AUC, computed after the clock stopped.
     */
    private static double plainTraining(NumericCsv csv, Map<String, Object> params, double[] millis)
            throws XGBoostError {
        long start = System.nanoTime();
        DMatrix matrix = trainMatrix(csv);
        Booster booster = XGBoost.train(matrix, params, BenchParams.ROUNDS, Map.of(), null, null);
        millis[0] = (System.nanoTime() - start) / 1e6;
        DMatrix test = new DMatrix(csv.test().values(), csv.test().rows(), csv.width(), Float.NaN);
        try {
            float[][] predictions = booster.predict(test);
            double[] probabilities = new double[predictions.length];
            for (int row = 0; row < predictions.length; row++) {
                probabilities[row] = predictions[row][0];
            }
            return BinaryMetrics.of(csv.testClasses(), probabilities, 0.5).auc();
        } finally {
            test.dispose();
            booster.dispose();
            matrix.dispose();
        }
    }

    /** XGBoost4J's version, from the properties file its jar carries. */
    static String xgboostVersion() {
        try (java.io.InputStream in = XGBoost.class.getResourceAsStream("/xgboost4j-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown").strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static DMatrix trainMatrix(NumericCsv csv) throws XGBoostError {
        DMatrix matrix = new DMatrix(csv.train().values(), csv.train().rows(), csv.width(), Float.NaN);
        matrix.setLabel(csv.trainLabels());
        return matrix;
    }

    static double auc(Scores scores, NumericCsv csv) {
        double[] probabilities = new double[scores.rows()];
        for (int row = 0; row < probabilities.length; row++) {
            probabilities[row] = scores.probability(row);
        }
        return BinaryMetrics.of(csv.testClasses(), probabilities, 0.5).auc();
    }

    private static Object[] concat(Object[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray();
    }
}
