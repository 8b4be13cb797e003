package dev.gyre.train.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import dev.gyre.model.features.FeatureMatrix;
import dev.gyre.model.runtime.Scores;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearTrainerTest {

    private static final TrainerSettings SETTINGS =
            TrainerSettings.defaults().withRounds(50).withThreads(1);
    private final LinearTrainer trainer = new LinearTrainer();

    /** The pipeline's job, done by hand here: z-scores with the training mean and deviation. */
    private static TrainingData standardized(TrainingData data) {
        int width = data.train().width();
        double[] mean = new double[width];
        double[] sd = new double[width];
        int rows = data.train().rows();
        for (int c = 0; c < width; c++) {
            for (int r = 0; r < rows; r++) {
                mean[c] += data.train().get(r, c) / rows;
            }
            for (int r = 0; r < rows; r++) {
                sd[c] += Math.pow(data.train().get(r, c) - mean[c], 2) / rows;
            }
            sd[c] = Math.sqrt(sd[c]);
        }
        return new TrainingData(
                data.task(),
                data.classCount(),
                scale(data.train(), mean, sd),
                data.trainLabels(),
                null,
                scale(data.validation(), mean, sd),
                data.validationLabels());
    }

    private static FeatureMatrix scale(FeatureMatrix matrix, double[] mean, double[] sd) {
        float[] values = matrix.values().clone();
        for (int i = 0; i < values.length; i++) {
            int c = i % matrix.width();
            values[i] = (float) ((values[i] - mean[c]) / sd[c]);
        }
        return new FeatureMatrix(values, matrix.rows(), matrix.names());
    }

    @Test
    void logisticRegressionOnStandardizedBreastCancerBeatsTheBaseline() {
        try (TrainedModel model = trainer.train(standardized(Datasets.breastCancer()), SETTINGS)) {
            assertThat(model.bestMetrics().validation().get("auc")).isGreaterThan(0.95);
            assertThat(model.params())
                    .containsEntry("booster", "gblinear")
                    .containsEntry("updater", "coord_descent")
                    .doesNotContainKey("tree_method");
            assertThat(model.trainer()).isEqualTo("linear");
        }
    }

    @Test
    void sameSeedGivesByteIdenticalLinearModels() {
        TrainingData data = standardized(Datasets.breastCancer());
        TrainerSettings twoThreads = SETTINGS.withRounds(10).withThreads(2);
        try (TrainedModel first = trainer.train(data, twoThreads);
                TrainedModel again = trainer.train(data, twoThreads)) {
            assertThat(again.predictor().serialize())
                    .isEqualTo(first.predictor().serialize());
        }
    }

    @Test
    void missingValuesCountAsZeroInTheLinearSum() {
        TrainingData data = standardized(Datasets.breastCancer());
        try (TrainedModel model = trainer.train(data, SETTINGS.withRounds(10))) {
            float[] zeros = new float[30];
            float[] missing = new float[30];
            java.util.Arrays.fill(missing, Float.NaN);
            Scores zero = model.predictor()
                    .predict(new FeatureMatrix(zeros, 1, data.train().names()));
            Scores absent = model.predictor()
                    .predict(new FeatureMatrix(missing, 1, data.train().names()));

            assertThat(absent.probability(0)).isEqualTo(zero.probability(0));
        }
    }

    @Test
    void treeOnlyParameterIsRejectedForTheLinearBooster() {
        assertThatThrownBy(() -> trainer.train(Datasets.breastCancer(), SETTINGS.withParam("max_depth", 3)))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("'max_depth'")
                .hasMessageContaining("other booster");
    }

    @Test
    void multinomialOnIrisAndRegressionOnDiamondsTrain() {
        try (TrainedModel iris = trainer.train(standardized(Datasets.iris()), SETTINGS);
                TrainedModel diamonds = trainer.train(standardized(Datasets.diamonds(5_000)), SETTINGS)) {
            assertThat(iris.predictor().classCount()).isEqualTo(3);
            assertThat(iris.bestMetrics().validation().get("mlogloss")).isLessThan(Math.log(3));
            assertThat(diamonds.predictor().task()).isEqualTo(Task.REGRESSION);
            assertThat(diamonds.bestMetrics().validation().get("rmse")).isPositive();
            assertThat(List.of(iris.trainer(), diamonds.trainer())).containsOnly("linear");
        }
    }
}
