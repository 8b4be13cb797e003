package dev.gyre.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The quickstart's data, split and trainer on the real sample file. */
class TrainingTest {

    private final BreastCancerData file = BreastCancerData.load();
    private final LabeledData data = file.parse();

    @Test
    void theSampleIsScikitLearnsBreastCancerData() {
        assertThat(data.rows()).isEqualTo(569);
        assertThat(data.columns()).isEqualTo(30);
        assertThat(data.classNames()).containsExactly("malignant", "benign");
        assertThat(data.count(0)).isEqualTo(212);
        assertThat(data.count(1)).isEqualTo(357);
        assertThat(file.sha256()).isEqualTo("fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed");
    }

    @Test
    void theSplitIsStratifiedDisjointAndRepeatable() {
        TrainValidationSplit split = TrainValidationSplit.stratified(data, 0.25, 42);
        TrainValidationSplit again = TrainValidationSplit.stratified(data, 0.25, 42);
        TrainValidationSplit other = TrainValidationSplit.stratified(data, 0.25, 7);

        assertThat(split.train().length + split.validation().length).isEqualTo(569);
        assertThat(IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.validation()))
                        .distinct()
                        .count())
                .isEqualTo(569);
        long validationMalignant = Arrays.stream(split.validation())
                .filter(i -> data.label(i) == 0)
                .count();
        assertThat(validationMalignant).isEqualTo(Math.round(212 * 0.25));
        assertThat(split.validation()).hasSize((int) (Math.round(212 * 0.25) + Math.round(357 * 0.25)));
        assertThat(again.validation()).isEqualTo(split.validation());
        assertThat(other.validation()).isNotEqualTo(split.validation());
    }

    @Test
    void standardisedTrainingFeaturesHaveMeanZeroAndUnitDeviation() {
        TrainValidationSplit split = TrainValidationSplit.stratified(data, 0.25, 42);
        double[][] x = Standardizer.fit(data, split.train()).transform(data, split.train());

        for (int j = 0; j < data.columns(); j++) {
            int column = j;
            double mean = Arrays.stream(x).mapToDouble(r -> r[column]).average().orElseThrow();
            double variance = Arrays.stream(x)
                    .mapToDouble(r -> (r[column] - mean) * (r[column] - mean))
                    .average()
                    .orElseThrow();
            assertThat(mean).isBetween(-1e-9, 1e-9);
            assertThat(variance).isBetween(1 - 1e-9, 1 + 1e-9);
        }
    }

    @Test
    void gradientDescentLearnsAGoodClassifier() {
        TrainValidationSplit split = TrainValidationSplit.stratified(data, 0.25, 42);
        Standardizer standardizer = Standardizer.fit(data, split.train());
        List<LogisticRegression.EpochMetrics> history = new ArrayList<>();

        LogisticRegression.train(
                standardizer.transform(data, split.train()),
                Standardizer.labels(data, split.train()),
                standardizer.transform(data, split.validation()),
                Standardizer.labels(data, split.validation()),
                new LogisticRegression.Hyperparameters(0.5, 0.01, 60),
                history::add);

        assertThat(history).hasSize(60);
        assertThat(history.getFirst().epoch()).isEqualTo(1);
        assertThat(history.getLast().trainLogLoss())
                .isLessThan(history.getFirst().trainLogLoss());
        assertThat(history.getLast().trainLogLoss()).isLessThan(0.15);
        assertThat(history.getLast().validationAuc()).isGreaterThan(0.97);
        assertThat(history.getLast().validationAccuracy()).isGreaterThan(0.93);
    }
}
