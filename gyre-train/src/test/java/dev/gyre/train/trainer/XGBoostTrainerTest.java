package dev.gyre.train.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import dev.gyre.model.runtime.Predictor;
import dev.gyre.model.runtime.Predictors;
import dev.gyre.model.runtime.Scores;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XGBoostTrainerTest {

    private static final TrainerSettings SETTINGS =
            TrainerSettings.defaults().withRounds(40).withThreads(1);
    private final XGBoostTrainer trainer = new XGBoostTrainer();

    @Test
    void breastCancerModelClearlyBeatsTheBaseline() {
        TrainingData data = Datasets.breastCancer();
        try (TrainedModel xgboost = trainer.train(data, SETTINGS);
                TrainedModel baseline = new BaselineTrainer().train(data, SETTINGS)) {
            Map<String, Double> boosted = xgboost.bestMetrics().validation();
            Map<String, Double> simple = baseline.bestMetrics().validation();

            assertThat(boosted.get("auc")).isGreaterThan(0.95);
            assertThat(simple.get("auc")).isEqualTo(0.5);
            assertThat(boosted.get("logloss")).isLessThan(simple.get("logloss") / 3);
            assertThat(xgboost.history()).hasSize(40);
            assertThat(xgboost.history().getFirst().train()).containsKeys("logloss", "auc");
            assertThat(xgboost.bestIteration()).isEqualTo(39);
        }
    }

    @Test
    void paramsRecordDefaultsAndOverrides() {
        try (TrainedModel model = trainer.train(Datasets.breastCancer(), SETTINGS.withParam("max_depth", 3))) {
            assertThat(model.params())
                    .containsEntry("booster", "gbtree")
                    .containsEntry("objective", "binary:logistic")
                    .containsEntry("eval_metric", "logloss,auc")
                    .containsEntry("tree_method", "hist")
                    .containsEntry("nthread", "1")
                    .containsEntry("seed", "42")
                    .containsEntry("max_depth", "3")
                    .containsEntry("num_boost_round", "40")
                    .containsEntry("early_stopping_rounds", "0");
            assertThat(model.trainer()).isEqualTo("xgboost");
        }
    }

    @Test
    void sameSeedAndDataGiveByteIdenticalModelsAndAnotherSeedAnotherModel() {
        TrainingData data = Datasets.breastCancer();
        TrainerSettings sampled =
                SETTINGS.withRounds(15).withParam("subsample", 0.7).withParam("colsample_bytree", 0.7);
        try (TrainedModel first = trainer.train(data, sampled);
                TrainedModel again = trainer.train(data, sampled);
                TrainedModel otherSeed = trainer.train(data, sampled.withSeed(7))) {
            assertThat(again.predictor().serialize())
                    .isEqualTo(first.predictor().serialize());
            assertThat(otherSeed.predictor().serialize())
                    .isNotEqualTo(first.predictor().serialize());
        }
    }

    @Test
    void predictorReloadedFromBytesScoresIdentically() {
        TrainingData data = Datasets.breastCancer();
        try (TrainedModel model = trainer.train(data, SETTINGS);
                Predictor loaded = Predictors.load(
                        model.predictor().kind(), model.predictor().serialize(), Task.BINARY)) {
            assertThat(loaded.predict(data.validation()))
                    .isEqualTo(model.predictor().predict(data.validation()));
        }
    }

    @Test
    void earlyStoppingKeepsTheBestIterationExactlyAsAShorterRunWouldTrainIt() {
        TrainingData data = Datasets.breastCancer();
        TrainerSettings settings =
                SETTINGS.withRounds(300).withEarlyStoppingRounds(10).withParam("eta", 0.3);
        try (TrainedModel stopped = trainer.train(data, settings)) {
            int best = stopped.bestIteration();
            List<IterationMetrics> history = stopped.history();

            assertThat(history).hasSize(best + 11).hasSizeLessThan(300);
            double bestLoss = stopped.bestMetrics().validation().get("logloss");
            assertThat(history)
                    .allSatisfy(m -> assertThat(m.validation().get("logloss")).isGreaterThanOrEqualTo(bestLoss));
            assertThat(stopped.params()).containsEntry("early_stopping_metric", "validation-logloss");
            try (TrainedModel plain =
                    trainer.train(data, SETTINGS.withRounds(best + 1).withParam("eta", 0.3))) {
                assertThat(stopped.predictor().serialize())
                        .isEqualTo(plain.predictor().serialize());
            }
        }
    }

    @Test
    void earlyStoppingOnAMaximizedMetricUsesTheFirstEvalMetric() {
        TrainerSettings settings =
                SETTINGS.withRounds(200).withEarlyStoppingRounds(5).withParam("eval_metric", List.of("auc", "logloss"));
        try (TrainedModel model = trainer.train(Datasets.breastCancer(), settings)) {
            double bestAuc = model.bestMetrics().validation().get("auc");
            assertThat(model.history())
                    .allSatisfy(m -> assertThat(m.validation().get("auc")).isLessThanOrEqualTo(bestAuc));
            assertThat(model.history().size()).isEqualTo(model.bestIteration() + 6);
        }
    }

    @Test
    void irisProbabilitiesSumToOne() {
        TrainingData data = Datasets.iris();
        try (TrainedModel model = trainer.train(data, SETTINGS.withRounds(20))) {
            Scores scores = model.predictor().predict(data.validation());

            assertThat(scores.width()).isEqualTo(3);
            assertThat(model.params())
                    .containsEntry("objective", "multi:softprob")
                    .containsEntry("num_class", "3");
            int correct = 0;
            for (int row = 0; row < scores.rows(); row++) {
                assertThat(java.util.Arrays.stream(scores.classProbabilities(row))
                                .sum())
                        .isCloseTo(1.0, within(1e-5));
                correct += scores.predictedClass(row) == data.validationLabels()[row] ? 1 : 0;
            }
            assertThat((double) correct / scores.rows()).isGreaterThan(0.85);
            assertThat(model.bestMetrics().validation().get("mlogloss")).isLessThan(Math.log(3) / 2);
        }
    }

    @Test
    void diamondsRegressionBeatsTheMean() {
        TrainingData data = Datasets.diamonds(20_000);
        try (TrainedModel model = trainer.train(data, SETTINGS.withRounds(30));
                TrainedModel mean = new BaselineTrainer().train(data, SETTINGS)) {
            double rmse = model.bestMetrics().validation().get("rmse");
            double baseline = mean.bestMetrics().validation().get("rmse");

            assertThat(rmse).isLessThan(baseline / 3);
            assertThat(model.predictor().predict(data.validation()).width()).isEqualTo(1);
            ResourceUse resources = model.resources();
            assertThat(resources.wallMillis()).isPositive();
            assertThat(resources.cpuMillis()).isPositive();
            assertThat(resources.peakHeapBytes()).isPositive();
            assertThat(resources.peakRssBytes()).isPositive();
        }
    }

    @Test
    void unknownParameterIsRejectedByName() {
        assertThatThrownBy(() -> trainer.train(Datasets.breastCancer(), SETTINGS.withParam("max_dept", 3)))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("unknown XGBoost parameter 'max_dept'")
                .hasMessageContaining("max_depth");
    }

    @Test
    void illTypedParameterIsRejectedNamingIt() {
        assertThatThrownBy(() -> trainer.train(Datasets.breastCancer(), SETTINGS.withParam("max_depth", "deep")))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("parameter 'max_depth' = 'deep' was rejected by XGBoost")
                .hasMessageNotContaining("Stack trace");
        assertThatThrownBy(() -> trainer.train(Datasets.breastCancer(), SETTINGS.withParam("eta", -1)))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("'eta'");
    }

    @Test
    void parametersTheSettingsOwnAreRefusedWithWhereToSetThem() {
        assertThatThrownBy(() -> trainer.train(Datasets.breastCancer(), SETTINGS.withParam("seed", 3)))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("TrainerSettings.seed");
        assertThatThrownBy(
                        () -> trainer.train(Datasets.breastCancer(), SETTINGS.withParam("objective", "binary:hinge")))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("must use binary:logistic");
        assertThatThrownBy(() -> trainer.train(Datasets.breastCancer(), SETTINGS.withParam("max_depth", List.of(1))))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("string, number or boolean");
    }

    @Test
    void earlyStoppingWithoutValidationIsRefused() {
        TrainingData full = Datasets.breastCancer();
        TrainingData trainOnly = TrainingData.of(Task.BINARY, 2, full.train(), full.trainLabels());

        assertThatThrownBy(() -> trainer.train(trainOnly, SETTINGS.withEarlyStoppingRounds(5)))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("needs a validation set");
    }

    @Test
    void trainingWithoutValidationRecordsTrainMetricsOnlyEveryTwentyFiveRoundsAndOnTheLast() {
        TrainingData full = Datasets.breastCancer();
        try (TrainedModel model = trainer.train(
                TrainingData.of(Task.BINARY, 2, full.train(), full.trainLabels()), SETTINGS.withRounds(60))) {
            assertThat(model.history()).extracting(IterationMetrics::iteration).containsExactly(0, 25, 50, 59);
            assertThat(model.history()).allSatisfy(m -> {
                assertThat(m.validation()).isEmpty();
                assertThat(m.train()).containsKeys("logloss", "auc");
            });
            assertThat(model.bestIteration()).isEqualTo(59);
        }
    }

    @Test
    void aLargeTrainingSetIsScoredOnAnEvenlySpacedSample() {
        // 150,000 rows whose label is "x > 0.5": scored on every third row (50,000), the model still separates them.
        int rows = 150_000;
        float[] values = new float[rows * 2];
        float[] labels = new float[rows];
        for (int row = 0; row < rows; row++) {
            float x = (row % 1000) / 1000f;
            values[row * 2] = x;
            values[row * 2 + 1] = (row % 7) / 7f;
            labels[row] = x > 0.5f ? 1 : 0;
        }
        var matrix = new dev.gyre.model.features.FeatureMatrix(values, rows, List.of("x", "noise"));
        try (TrainedModel model =
                trainer.train(TrainingData.of(Task.BINARY, 2, matrix, labels), SETTINGS.withRounds(3))) {
            assertThat(model.history()).extracting(IterationMetrics::iteration).containsExactly(0, 2);
            assertThat(model.history().getLast().train().get("auc")).isGreaterThan(0.99);
            assertThat(model.history().getLast().train().get("logloss")).isBetween(0.0, 0.6);
        }
    }

    @Test
    void withValidationEveryRoundIsScoredOnValidationAndTheTrainingRowsEveryTwentyFiveRounds() {
        try (TrainedModel model = trainer.train(Datasets.breastCancer(), SETTINGS.withRounds(30))) {
            assertThat(model.history()).hasSize(30).allSatisfy(m -> assertThat(m.validation())
                    .containsKey("logloss"));
            assertThat(model.history())
                    .filteredOn(m -> !m.train().isEmpty())
                    .extracting(IterationMetrics::iteration)
                    .containsExactly(0, 25, 29);
        }
    }
}
