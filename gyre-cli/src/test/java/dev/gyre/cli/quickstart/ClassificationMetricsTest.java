package dev.gyre.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void aucOfAPerfectRankingIsOneAndOfAReversedOneIsZero() {
        int[] y = {0, 0, 1, 1};

        assertThat(ClassificationMetrics.rocAuc(y, new double[] {0.1, 0.2, 0.8, 0.9}))
                .isEqualTo(1.0);
        assertThat(ClassificationMetrics.rocAuc(y, new double[] {0.9, 0.8, 0.2, 0.1}))
                .isEqualTo(0.0);
    }

    @Test
    void aucCountsTiesAsHalf() {
        // scikit-learn: roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        assertThat(ClassificationMetrics.rocAuc(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8}))
                .isEqualTo(0.75);
        // all scores equal: every positive/negative pair is a tie
        assertThat(ClassificationMetrics.rocAuc(new int[] {0, 1, 0, 1}, new double[] {0.5, 0.5, 0.5, 0.5}))
                .isEqualTo(0.5);
        // one tie across classes among 2x2 pairs: (1 + 1 + 1 + 0.5) / 4
        assertThat(ClassificationMetrics.rocAuc(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.5, 0.5, 0.9}))
                .isEqualTo(0.875);
    }

    @Test
    void aucIsUndefinedWithOneClass() {
        assertThat(ClassificationMetrics.rocAuc(new int[] {1, 1}, new double[] {0.2, 0.3}))
                .isNaN();
    }

    @Test
    void logLossMatchesTheDefinition() {
        double expected = -(Math.log(0.9) + Math.log(1 - 0.2)) / 2;

        assertThat(ClassificationMetrics.logLoss(new int[] {1, 0}, new double[] {0.9, 0.2}))
                .isCloseTo(expected, within(1e-12));
        assertThat(ClassificationMetrics.logLoss(new int[] {1}, new double[] {0.0}))
                .isCloseTo(-Math.log(1e-15), within(1e-9));
    }

    @Test
    void accuracyThresholdsAtOneHalf() {
        assertThat(ClassificationMetrics.accuracy(new int[] {1, 0, 1, 0}, new double[] {0.5, 0.49, 0.2, 0.7}))
                .isEqualTo(0.5);
    }
}
