package dev.gyre.data.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class JensenShannonDistanceTest {

    @Test
    void handExample() {
        // r = (1, 0), c = (0.5, 0.5), m = (0.75, 0.25); KL(r||m) = log2(1/0.75) = 0.415037,
        // KL(c||m) = 0.5 log2(0.5/0.75) + 0.5 log2(0.5/0.25) = 0.207519; JSD = 0.311278; distance = sqrt = 0.557923
        assertThat(JensenShannonDistance.ofShares(new double[] {1, 0}, new double[] {0.5, 0.5}))
                .isCloseTo(0.557923, within(1e-6));
    }

    @Test
    void zeroForIdenticalOneForDisjointAndSymmetric() {
        double[] p = {0.2, 0.3, 0.5, 0};
        double[] q = {0, 0, 0, 1};
        double[] s = {0.1, 0.6, 0.1, 0.2};
        assertThat(JensenShannonDistance.ofShares(p, p)).isEqualTo(0.0);
        assertThat(JensenShannonDistance.ofShares(p, q)).isCloseTo(1.0, within(1e-12));
        assertThat(JensenShannonDistance.ofShares(p, s)).isEqualTo(JensenShannonDistance.ofShares(s, p));
    }

    @Test
    void weatherTypesDifferBetweenSeattleAndNewYork() {
        CategoricalSummary seattle = CategoricalSummary.of(DriftData.weatherCategories("Seattle"));
        CategoricalSummary newYork = CategoricalSummary.of(DriftData.weatherCategories("New York"));
        double forward = JensenShannonDistance.of(CommonBins.categories(seattle, newYork));
        double backward = JensenShannonDistance.of(CommonBins.categories(newYork, seattle));
        assertThat(forward).isCloseTo(backward, within(1e-12));
        assertThat(forward).isBetween(0.1, 1.0);
        assertThat(JensenShannonDistance.of(CommonBins.categories(seattle, seattle)))
                .isEqualTo(0.0);
    }
}
