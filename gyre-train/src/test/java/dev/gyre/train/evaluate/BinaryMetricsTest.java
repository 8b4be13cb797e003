package dev.gyre.train.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    private static final JsonNode BINARY = Reference.load().get("binary");

    private static BinaryMetrics reference() {
        return BinaryMetrics.of(
                Reference.ints(BINARY.get("labels")),
                Reference.doubles(BINARY.get("probabilities")),
                BINARY.get("threshold").asDouble());
    }

    @Test
    void everyMetricMatchesScikitLearnOnBreastCancerScores() {
        Map<String, Double> metrics = reference().asMap();

        assertThat(metrics.keySet())
                .containsExactly("auc", "pr_auc", "log_loss", "brier", "accuracy", "precision", "recall", "f1", "ece");
        BINARY.get("expected").properties().forEach(e -> assertThat(metrics.get(e.getKey()))
                .as(e.getKey())
                .isCloseTo(e.getValue().asDouble(), within(Reference.TOLERANCE)));
    }

    @Test
    void confusionAndCalibrationBinsMatchTheReference() {
        BinaryMetrics metrics = reference();

        assertThat(metrics.confusion().counts()).isEqualTo(Reference.counts(BINARY.get("confusion")));
        assertThat(metrics.calibration()).hasSize(10);
        for (int b = 0; b < 10; b++) {
            JsonNode expected = BINARY.get("calibration").get(b);
            CalibrationBin bin = metrics.calibration().get(b);
            assertThat(bin.count())
                    .as("bin %d", b)
                    .isEqualTo(expected.get("count").asLong());
            if (bin.count() > 0) {
                assertThat(bin.meanPredicted())
                        .isCloseTo(expected.get("mean_predicted").asDouble(), within(Reference.TOLERANCE));
                assertThat(bin.observedRate())
                        .isCloseTo(expected.get("observed_rate").asDouble(), within(Reference.TOLERANCE));
            } else {
                assertThat(bin.meanPredicted()).isNaN();
            }
        }
    }

    @Test
    void curvesRunFromCornerToCornerWithOnePointPerDistinctThreshold() {
        BinaryMetrics metrics = reference();
        int distinct = BINARY.get("distinct_thresholds").asInt();

        assertThat(metrics.roc()).hasSize(distinct + 1);
        assertThat(metrics.roc().getFirst()).isEqualTo(new CurvePoint(0, 0, Double.POSITIVE_INFINITY));
        assertThat(metrics.roc().getLast().x()).isEqualTo(1.0);
        assertThat(metrics.roc().getLast().y()).isEqualTo(1.0);
        assertThat(metrics.precisionRecall().getFirst()).isEqualTo(new CurvePoint(0, 1, Double.POSITIVE_INFINITY));
        assertThat(metrics.precisionRecall().getLast().x()).isEqualTo(1.0);
        assertThat(metrics.precisionRecall().getLast().y())
                .isCloseTo((double) metrics.positives() / metrics.rows(), within(1e-12));
    }

    @Test
    void tiedPositiveAndNegativeCountOneHalf() {
        BinaryMetrics metrics = BinaryMetrics.of(new int[] {0, 1, 0, 1}, new double[] {0.5, 0.5, 0.2, 0.9}, 0.5);

        // pairs (pos, neg): (0.5,0.5) tie = 0.5, (0.5,0.2) = 1, (0.9,0.5) = 1, (0.9,0.2) = 1 → 3.5 / 4
        assertThat(metrics.auc()).isEqualTo(0.875);
        assertThat(metrics.precision()).isEqualTo(2.0 / 3);
        assertThat(metrics.recall()).isEqualTo(1.0);
    }

    @Test
    void oneClassGivesNanAucWithAReason() {
        BinaryMetrics metrics = BinaryMetrics.of(new int[] {1, 1, 1}, new double[] {0.2, 0.7, 0.9}, 0.5);

        assertThat(metrics.auc()).isNaN();
        assertThat(metrics.roc()).isEmpty();
        assertThat(metrics.prAuc()).isEqualTo(1.0);
        assertThat(metrics.notes()).singleElement().asString().contains("auc is NaN", "only class 1");
        assertThat(metrics.accuracy()).isEqualTo(2.0 / 3);
    }

    @Test
    void logLossClipsCertainMistakes() {
        BinaryMetrics metrics = BinaryMetrics.of(new int[] {1, 0}, new double[] {0.0, 0.0}, 0.5);

        assertThat(metrics.logLoss()).isCloseTo(-Math.log(1e-15) / 2, within(1e-9));
    }

    @Test
    void longCurvesAreThinnedButKeepTheirEnds() {
        int n = 5000;
        int[] labels = new int[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3 == 0 ? 1 : 0;
            p[i] = (i * 7919 % n) / (double) n;
        }

        BinaryMetrics metrics = BinaryMetrics.of(labels, p, 0.5);

        assertThat(metrics.roc()).hasSize(BinaryMetrics.MAX_CURVE_POINTS);
        assertThat(metrics.roc().getFirst().x()).isZero();
        assertThat(metrics.roc().getLast().x()).isEqualTo(1.0);
    }

    @Test
    void badInputIsRefusedClearly() {
        assertThatThrownBy(() -> BinaryMetrics.of(new int[0], new double[0], 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> BinaryMetrics.of(new int[] {0, 2}, new double[] {0.1, 0.2}, 0.5))
                .hasMessageContaining("row 1: binary label 2 is not 0 or 1");
        assertThatThrownBy(() -> BinaryMetrics.of(new int[] {0}, new double[] {1.5}, 0.5))
                .hasMessageContaining("not in [0, 1]");
        assertThatThrownBy(() -> BinaryMetrics.of(new int[] {0, 1}, new double[] {0.1}, 0.5))
                .hasMessageContaining("probabilities has 1 values for 2 rows");
    }
}
