package dev.gyre.train.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gyre.model.Task;
import dev.gyre.model.features.FeatureMatrix;
import dev.gyre.model.runtime.BaselinePredictor;
import dev.gyre.model.runtime.Predictors;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineTrainerTest {

    private final BaselineTrainer trainer = new BaselineTrainer();

    @Test
    void binaryBaselineIsThePriorWithAucOneHalfAndEntropyLogLoss() {
        TrainingData data = Datasets.breastCancer();
        try (TrainedModel model = trainer.train(data, TrainerSettings.defaults())) {
            double p = 0;
            for (float label : data.trainLabels()) {
                p += label;
            }
            p /= data.trainLabels().length;
            double entropy = -(p * Math.log(p) + (1 - p) * Math.log(1 - p));

            assertThat(((BaselinePredictor) model.predictor()).constant())
                    .containsExactly(new double[] {1 - p, p}, within(1e-12));
            assertThat(model.bestMetrics().train().get("logloss")).isCloseTo(entropy, within(1e-12));
            assertThat(model.bestMetrics().validation())
                    .containsEntry("auc", 0.5)
                    .containsKey("logloss");
            assertThat(model.history()).hasSize(1);
            assertThat(model.params()).containsEntry("strategy", "class_prior");
            assertThat(model.resources().wallMillis()).isNotNegative();
        }
    }

    @Test
    void weightsShiftTheShares() {
        FeatureMatrix features = new FeatureMatrix(new float[] {1, 2, 3, 4}, 4, List.of("x"));
        TrainingData data = TrainingData.of(Task.BINARY, 2, features, new float[] {0, 0, 0, 1})
                .withWeights(new float[] {1, 1, 1, 3});
        try (TrainedModel model = trainer.train(data, TrainerSettings.defaults())) {
            assertThat(((BaselinePredictor) model.predictor()).constant()).containsExactly(0.5, 0.5);
        }
    }

    @Test
    void regressionBaselineIsTheMeanAndReloads() {
        TrainingData data = Datasets.diamonds(2_000);
        try (TrainedModel model = trainer.train(data, TrainerSettings.defaults())) {
            double mean = 0;
            for (float label : data.trainLabels()) {
                mean += label;
            }
            mean /= data.trainLabels().length;

            assertThat(model.predictor().predict(data.validation()).value(0)).isCloseTo(mean, within(1e-9));
            assertThat(model.bestMetrics().validation()).containsKey("rmse");
            assertThat(Predictors.load("baseline", model.predictor().serialize(), Task.REGRESSION)
                            .predict(data.validation()))
                    .isEqualTo(model.predictor().predict(data.validation()));
        }
    }

    @Test
    void multiclassBaselineSharesSumToOne() {
        try (TrainedModel model = trainer.train(Datasets.iris(), TrainerSettings.defaults())) {
            double[] shares = ((BaselinePredictor) model.predictor()).constant();

            assertThat(shares).hasSize(3);
            assertThat(shares[0] + shares[1] + shares[2]).isCloseTo(1.0, within(1e-12));
            assertThat(model.bestMetrics().validation().get("mlogloss")).isCloseTo(Math.log(3), within(0.01));
        }
    }
}
