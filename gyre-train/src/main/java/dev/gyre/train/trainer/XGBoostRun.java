package dev.gyre.train.trainer;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.model.features.FeatureMatrix;
import dev.gyre.model.runtime.XGBoostErrors;
import dev.gyre.model.runtime.XGBoostPredictor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * One XGBoost training run, shared by the tree and linear trainers: drives the rounds itself (XGBoost's own loop
 * prints every evaluation to stdout), records validation metrics after each round (train metrics less often, see below) and stops early on the
 * first evaluation metric of the validation set. The training rows are evaluated every {@value
 * #TRAIN_EVALUATION_INTERVAL} rounds only, so a round's {@link IterationMetrics#train()} may be empty, and above
 * {@value #TRAIN_EVALUATION_ROWS} rows on an evenly spaced sample of them.
 *
 * <p>Keeping the best iteration: XGBoost4J's Java API cannot slice a booster, so after an early stop the run trains
 * a fresh booster for exactly {@code best + 1} rounds with the same parameters, seed and data. XGBoost's CPU training
 * is deterministic for those, so the result is the model the first run had after its best round, byte for byte, and
 * it is the same model a plain run of {@code best + 1} rounds gives (a test checks both). This costs the time of
 * those rounds once more; snapshotting the model at each improvement would instead cost a serialization per
 * improvement, which grows with the model.
 */
final class XGBoostRun {

    private static final String TRAIN = "train";
    private static final String VALIDATION = "validation";

    /**
     * The training rows are evaluated every this many rounds (and on the first and last round), the validation rows
     * every round. Evaluating all training rows every round (an AUC sorts them) took three quarters of the training
     * time on 800k rows (docs/benchmarks.md), while the curve it draws needs no such resolution; early stopping
     * watches the validation rows only.
     */
    static final int TRAIN_EVALUATION_INTERVAL = 25;

    /**
     * Above this many training rows, the training metrics are computed on this many evenly spaced rows of them (the
     * same rows every round, so the curve is smooth): an estimate of the training loss is all the curve is for, and on
     * 800k rows the full evaluations cost more than a quarter of the training time.
     */
    static final int TRAIN_EVALUATION_ROWS = 50_000;

    private static final String TRAIN_SAMPLE = "train_sample";

    /** XGBoost reports a parameter under its canonical name; users may have written the alias. */
    private static final Map<String, String> ALIASES = Map.of(
            "eta", "learning_rate",
            "min_split_loss", "gamma",
            "reg_lambda", "lambda",
            "reg_alpha", "alpha");

    private final String trainer;
    private final String booster;
    private final Map<String, Object> defaults;

    XGBoostRun(String trainer, String booster, Map<String, Object> defaults) {
        this.trainer = trainer;
        this.booster = booster;
        this.defaults = Map.copyOf(defaults);
    }

    TrainedModel train(TrainingData data, TrainerSettings settings, RoundListener rounds) {
        XGBoostParams params = XGBoostParams.resolve(booster, defaults, data.task(), data.classCount(), settings);
        int patience = settings.earlyStoppingRounds();
        if (patience > 0 && !data.hasValidation()) {
            throw GyreException.invalid("early stopping (earlyStoppingRounds = " + patience
                    + ") needs a validation set; add one or set earlyStoppingRounds to 0");
        }
        ResourceMeter meter = ResourceMeter.start();
        List<DMatrix> matrices = new ArrayList<>();
        try {
            DMatrix train = matrix(data.train(), data.trainLabels(), matrices);
            if (data.trainWeights() != null) {
                train.setWeight(data.trainWeights());
            }
            DMatrix validation =
                    data.hasValidation() ? matrix(data.validation(), data.validationLabels(), matrices) : null;
            DMatrix trainEvaluation = data.train().rows() > TRAIN_EVALUATION_ROWS ? sample(data, matrices) : train;
            Map<String, DMatrix> cached = new LinkedHashMap<>();
            if (validation != null) {
                cached.put(VALIDATION, validation);
            }
            if (trainEvaluation != train) {
                cached.put(TRAIN_SAMPLE, trainEvaluation);
            }
            String stoppingMetric = params.evalMetrics().getFirst();
            boolean maximize = Maximize.metric(stoppingMetric);

            List<IterationMetrics> history = new ArrayList<>();
            int best = 0;
            int last = -1;
            double bestValue = Double.NaN;
            Booster booster = newBooster(train, cached, params, settings);
            try {
                for (int iteration = 0; iteration < settings.rounds(); iteration++) {
                    booster.update(train, iteration);
                    meter.sampleIfDue();
                    last = iteration;
                    rounds.roundDone(iteration + 1, settings.rounds());
                    boolean trainDue = iteration % TRAIN_EVALUATION_INTERVAL == 0 || iteration == settings.rounds() - 1;
                    if (validation == null && !trainDue) {
                        best = iteration;
                        continue;
                    }
                    DMatrix[] evaluated = validation == null
                            ? new DMatrix[] {trainEvaluation}
                            : trainDue ? new DMatrix[] {trainEvaluation, validation} : new DMatrix[] {validation};
                    String[] names = validation == null
                            ? new String[] {TRAIN}
                            : trainDue ? new String[] {TRAIN, VALIDATION} : new String[] {VALIDATION};
                    IterationMetrics metrics = EvalLine.parse(iteration, booster.evalSet(evaluated, names, iteration));
                    history.add(metrics);
                    if (validation == null) {
                        best = iteration;
                        continue;
                    }
                    double value = metrics.validation().getOrDefault(stoppingMetric, Double.NaN);
                    if (iteration == 0 || improves(value, bestValue, maximize)) {
                        best = iteration;
                        bestValue = value;
                    } else if (patience > 0 && iteration - best >= patience) {
                        break;
                    }
                }
                // Without early stopping the last round is kept even when an earlier one scored better on
                // validation: the caller asked for that many rounds.
                if (validation != null && patience == 0) {
                    best = last;
                }
                if (best < last) {
                    booster.dispose();
                    booster = null;
                    booster = retrain(train, cached, params, settings, best + 1, meter);
                }
            } catch (XGBoostError | RuntimeException e) {
                if (booster != null) {
                    booster.dispose();
                }
                throw e;
            }
            Map<String, String> recorded = new LinkedHashMap<>(params.recorded());
            recorded.put("num_boost_round", Integer.toString(settings.rounds()));
            recorded.put("early_stopping_rounds", Integer.toString(patience));
            recorded.put("early_stopping_metric", patience > 0 ? VALIDATION + "-" + stoppingMetric : "none");
            XGBoostPredictor predictor = XGBoostPredictor.adopt(booster, data.task(), this.booster);
            ResourceUse resources = meter.stop();
            return new TrainedModel(trainer, predictor, recorded, history, best, resources);
        } catch (XGBoostError e) {
            throw translate(e, settings);
        } finally {
            matrices.forEach(DMatrix::dispose);
            meter.stop();
        }
    }

    /** Whether {@code value} beats {@code bestValue}; NaN never does, and anything beats a NaN best. */
    private static boolean improves(double value, double bestValue, boolean maximize) {
        if (Double.isNaN(value)) {
            return false;
        }
        if (Double.isNaN(bestValue)) {
            return true;
        }
        return maximize ? value > bestValue : value < bestValue;
    }

    private static Booster newBooster(
            DMatrix train, Map<String, DMatrix> cached, XGBoostParams params, TrainerSettings settings)
            throws XGBoostError {
        // Zero rounds: XGBoost only creates the booster (with prediction caches for the matrices); we drive rounds.
        Booster booster = XGBoost.train(train, params.values(), 0, cached, null, null);
        try {
            for (String metric : params.evalMetrics()) {
                booster.setParam("eval_metric", metric);
            }
            return booster;
        } catch (XGBoostError | RuntimeException e) {
            booster.dispose();
            throw e;
        }
    }

    private static Booster retrain(
            DMatrix train,
            Map<String, DMatrix> cached,
            XGBoostParams params,
            TrainerSettings settings,
            int rounds,
            ResourceMeter meter)
            throws XGBoostError {
        Booster booster = newBooster(train, cached, params, settings);
        try {
            for (int iteration = 0; iteration < rounds; iteration++) {
                booster.update(train, iteration);
                meter.sampleIfDue();
            }
            return booster;
        } catch (XGBoostError | RuntimeException e) {
            booster.dispose();
            throw e;
        }
    }

    /** Every k-th training row (k = ⌈rows / {@value #TRAIN_EVALUATION_ROWS}⌉), with its label and weight. */
    private static DMatrix sample(TrainingData data, List<DMatrix> owned) throws XGBoostError {
        FeatureMatrix train = data.train();
        int stride = Math.ceilDiv(train.rows(), TRAIN_EVALUATION_ROWS);
        int rows = Math.ceilDiv(train.rows(), stride);
        int width = train.width();
        float[] values = new float[rows * width];
        float[] labels = new float[rows];
        float[] weights = data.trainWeights() == null ? null : new float[rows];
        for (int i = 0; i < rows; i++) {
            int row = i * stride;
            System.arraycopy(train.values(), row * width, values, i * width, width);
            labels[i] = data.trainLabels()[row];
            if (weights != null) {
                weights[i] = data.trainWeights()[row];
            }
        }
        DMatrix matrix = matrix(new FeatureMatrix(values, rows, train.names()), labels, owned);
        if (weights != null) {
            matrix.setWeight(weights);
        }
        return matrix;
    }

    private static DMatrix matrix(FeatureMatrix features, float[] labels, List<DMatrix> owned) throws XGBoostError {
        DMatrix matrix = new DMatrix(features.values(), features.rows(), features.width(), Float.NaN);
        owned.add(matrix);
        matrix.setLabel(labels);
        return matrix;
    }

    /** XGBoost checks values lazily, at the first round; name the user's parameter its message is about. */
    private static GyreException translate(XGBoostError error, TrainerSettings settings) {
        String summary = XGBoostErrors.summary(error);
        for (String name : settings.params().keySet()) {
            if (summary.contains(name) || summary.contains(ALIASES.getOrDefault(name, name))) {
                return new GyreException(
                        ErrorCode.INVALID_PARAMETER_VALUE,
                        "parameter '" + name + "' = '" + settings.params().get(name) + "' was rejected by XGBoost: "
                                + summary,
                        error);
            }
        }
        return new GyreException(
                ErrorCode.INVALID_PARAMETER_VALUE,
                "XGBoost rejected the training run"
                        + (settings.params().isEmpty() ? "" : " with parameters " + settings.params()) + ": " + summary,
                error);
    }
}
