package dev.gyre.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import dev.gyre.model.features.FeatureMatrix;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinePredictorTest {

    private static final FeatureMatrix TWO_ROWS = new FeatureMatrix(new float[] {1, 2, 3, 4}, 2, List.of("a", "b"));

    @Test
    void binaryBaselineAnswersThePriorOfThePositiveClassForEveryRow() {
        try (BaselinePredictor baseline = BaselinePredictor.ofClassShares(Task.BINARY, 2, new double[] {0.6, 0.4})) {
            Scores scores = baseline.predict(TWO_ROWS);

            assertThat(scores.values()).containsExactly(0.4, 0.4);
            assertThat(scores.predictedClass(0)).as("the majority class").isZero();
            assertThat(baseline.classCount()).isEqualTo(2);
        }
    }

    @Test
    void multiclassBaselineAnswersEveryClassShare() {
        BaselinePredictor baseline = BaselinePredictor.ofClassShares(Task.MULTICLASS, 2, new double[] {0.2, 0.5, 0.3});

        Scores scores = baseline.predict(TWO_ROWS);

        assertThat(scores.width()).isEqualTo(3);
        assertThat(scores.classProbabilities(1)).containsExactly(0.2, 0.5, 0.3);
        assertThat(scores.predictedClass(1)).isEqualTo(1);
    }

    @Test
    void serializedBaselineReadsBackToTheSameScoresAndBytes() {
        BaselinePredictor mean = BaselinePredictor.ofMean(2, 3932.5);

        byte[] bytes = mean.serialize();
        Predictor loaded = Predictors.load("baseline", bytes, Task.REGRESSION);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"gyre-baseline\"", "3932.5");
        assertThat(loaded.predict(TWO_ROWS)).isEqualTo(mean.predict(TWO_ROWS));
        assertThat(loaded.serialize()).isEqualTo(bytes);
        assertThat(loaded.featureCount()).isEqualTo(2);
    }

    @Test
    void loadingForAnotherTaskOrFromGarbageFailsClearly() {
        byte[] binary = BaselinePredictor.ofClassShares(Task.BINARY, 2, new double[] {0.5, 0.5})
                .serialize();

        assertThatThrownBy(() -> BaselinePredictor.load(binary, Task.REGRESSION))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("binary task, not regression");
        assertThatThrownBy(() -> BaselinePredictor.load("{\"nope\":1}".getBytes(StandardCharsets.UTF_8), Task.BINARY))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("not a Gyre baseline model");
    }

    @Test
    void sharesMustBeAProbabilityDistributionOfTheRightSize() {
        assertThatThrownBy(() -> BaselinePredictor.ofClassShares(Task.BINARY, 1, new double[] {0.6, 0.6}))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> BaselinePredictor.ofClassShares(Task.BINARY, 1, new double[] {0.2, 0.3, 0.5}))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("needs 2 class shares");
        assertThatThrownBy(() -> BaselinePredictor.ofMean(1, Double.NaN)).isInstanceOf(GyreException.class);
    }

    @Test
    void matrixOfAnotherWidthIsRejected() {
        BaselinePredictor baseline = BaselinePredictor.ofMean(3, 1.0);

        assertThatThrownBy(() -> baseline.predict(TWO_ROWS))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("expects 3 features, the matrix has 2");
    }

    @Test
    void priorOnBreastCancerHasTheEntropyOfTheClassMixAsLogLoss() {
        SharedData data = SharedData.read("breast_cancer.csv");
        double positive = 0;
        for (float label : data.labels()) {
            positive += label;
        }
        double p = positive / data.labels().length;
        BaselinePredictor baseline =
                BaselinePredictor.ofClassShares(Task.BINARY, data.features().width(), new double[] {1 - p, p});

        Scores scores = baseline.predict(data.features());
        double logLoss = 0;
        for (int row = 0; row < scores.rows(); row++) {
            double q = scores.probability(row);
            logLoss -= data.labels()[row] == 1 ? Math.log(q) : Math.log(1 - q);
        }
        logLoss /= scores.rows();

        double entropy = -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
        assertThat(logLoss).isCloseTo(entropy, within(1e-12));
    }
}
