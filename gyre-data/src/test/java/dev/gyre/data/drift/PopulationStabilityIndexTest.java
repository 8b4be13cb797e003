package dev.gyre.data.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PopulationStabilityIndexTest {

    private static final double EPS = PopulationStabilityIndex.DEFAULT_EPSILON;

    @Test
    void handExampleOnKnownBins() {
        // r = (0.5, 0.5), c = (0.25, 0.75):
        // (0.25 - 0.5) ln(0.25/0.5) + (0.75 - 0.5) ln(0.75/0.5) = 0.25 * 0.693147 + 0.25 * 0.405465 = 0.274653
        assertThat(PopulationStabilityIndex.ofShares(new double[] {0.5, 0.5}, new double[] {0.25, 0.75}, EPS))
                .isCloseTo(0.274653, within(1e-6));
        // An empty reference bin counts as 1e-4: 0 + (-0.1) ln(0.8) + (0.1 - 1e-4) ln(0.1 / 1e-4)
        // = 0.022314 + 0.0999 * 6.907755 = 0.022314 + 0.690085 = 0.712399
        assertThat(PopulationStabilityIndex.ofShares(new double[] {0.5, 0.5, 0}, new double[] {0.5, 0.4, 0.1}, EPS))
                .isCloseTo(0.712399, within(1e-6));
    }

    @Test
    void handExampleOnReferenceMedianBins() {
        // Reference 1..10, 2 bins: the median edge is 5 (smallest value with rank >= 0.5), bins (-inf, 5] and (5, inf):
        // reference shares (0.5, 0.5); current {1, 2, 3, 6, 7, 8, 9, 10} gives (3/8, 5/8).
        // PSI = (0.375 - 0.5) ln(0.75) + (0.625 - 0.5) ln(1.25) = 0.035960 + 0.027893 = 0.063853
        double[] reference = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] current = {1, 2, 3, 6, 7, 8, 9, 10};
        BinnedDistributions bins = CommonBins.referenceQuantiles(reference, current, 2);
        assertThat(bins.edges()).containsExactly(5.0);
        assertThat(bins.referenceShares()).containsExactly(0.5, 0.5);
        assertThat(bins.currentShares()).containsExactly(0.375, 0.625);
        assertThat(PopulationStabilityIndex.of(bins, EPS)).isCloseTo(0.063853, within(1e-6));
    }

    @Test
    void matchesHandComputationOnWeatherDeciles() {
        double[] seattle = DriftData.weather("temp_max", "Seattle");
        double[] newYork = DriftData.weather("temp_max", "New York");
        double[] sorted = seattle.clone();
        Arrays.sort(sorted);
        double[] edges = Arrays.stream(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9})
                .map(i -> sorted[(int) Math.ceil(i / 10 * sorted.length) - 1])
                .distinct()
                .toArray();
        double expected = PopulationStabilityIndex.ofShares(shares(seattle, edges), shares(newYork, edges), EPS);
        double actual = PopulationStabilityIndex.of(CommonBins.referenceQuantiles(seattle, newYork, 10), EPS);
        assertThat(actual).isCloseTo(expected, within(1e-12));
        assertThat(actual).isGreaterThan(0.1);

        double sketched = PopulationStabilityIndex.of(
                CommonBins.referenceQuantiles(NumericSummary.of(seattle), NumericSummary.of(newYork), 10), EPS);
        // Sketch quantile edges and bin shares are each within the rank error (1.3% at k = 200); with 0.1 °C ties
        // that moves PSI by ~10% here (KLL compaction is random, so the margin is wider).
        assertThat(sketched).isCloseTo(actual, within(0.3 * actual)).isGreaterThan(0.1);
    }

    @Test
    void identicalDataHasZeroPsi() {
        double[] delays = DriftData.flightDelays(2, 50_000);
        assertThat(PopulationStabilityIndex.of(CommonBins.referenceQuantiles(delays, delays, 10), EPS))
                .isEqualTo(0.0);
        NumericSummary summary = NumericSummary.of(delays);
        assertThat(PopulationStabilityIndex.of(CommonBins.referenceQuantiles(summary, summary, 10), EPS))
                .isEqualTo(0.0);
    }

    /** Share of values in each right-closed bin, counted by a plain loop. */
    private static double[] shares(double[] values, double[] edges) {
        double[] counts = new double[edges.length + 1];
        for (double v : values) {
            int bin = 0;
            while (bin < edges.length && v > edges[bin]) {
                bin++;
            }
            counts[bin]++;
        }
        return Arrays.stream(counts).map(c -> c / values.length).toArray();
    }
}
