package dev.gyre.data.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WassersteinDistanceTest {

    /** For equal sizes W1 is the mean absolute difference of the sorted samples. */
    private static double sortedPairs(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs(x[i] - y[i]);
        }
        return sum / x.length;
    }

    @Test
    void handExamples() {
        assertThat(WassersteinDistance.of(new double[] {0, 1}, new double[] {2, 3}))
                .isEqualTo(2.0);
        // Unequal sizes: |F - G| = 0.5 on [0, 2): W1 = 1.
        assertThat(WassersteinDistance.of(new double[] {0}, new double[] {0, 2}))
                .isEqualTo(1.0);
        // Normed: reference {0, 2} has population std 1.
        assertThat(WassersteinDistance.normed(new double[] {0, 2}, new double[] {1, 3}))
                .isEqualTo(1.0);
    }

    @Test
    void equalsSortedPairDifferencesOnRealData() {
        double[] seattle = DriftData.weather("temp_max", "Seattle");
        double[] newYork = DriftData.weather("temp_max", "New York");
        assertThat(seattle).hasSameSizeAs(newYork);
        assertThat(WassersteinDistance.of(seattle, newYork)).isCloseTo(sortedPairs(seattle, newYork), within(1e-9));

        double[] january = DriftData.flightDelays(1, 150_000);
        double[] june = DriftData.flightDelays(6, 150_000);
        double exact = sortedPairs(january, june);
        assertThat(WassersteinDistance.of(january, june)).isCloseTo(exact, within(1e-9 * exact));
        assertThat(WassersteinDistance.of(june, january)).isCloseTo(exact, within(1e-9 * exact));
    }

    @Test
    void sketchedDistanceIsCloseToExact() {
        double[] january = DriftData.flightDelays(1, 150_000);
        double[] june = DriftData.flightDelays(6, 150_000);
        NumericSummary ref = NumericSummary.of(january);
        NumericSummary cur = NumericSummary.of(june);
        double exact = WassersteinDistance.of(january, june);
        double sketched = WassersteinDistance.of(ref, cur);
        assertThat(sketched).isCloseTo(exact, within(WassersteinDistance.sketchErrorBound(ref, cur)));
        // Delays are heavy-tailed (-80 to 1575 minutes): KLL's additive rank error in the far tail moves W1 by up to
        // ~0.08 reference standard deviations at k = 200 (mean ~0.01) and ~0.03 at k = 800 (mean ~0.004), measured
        // over 30 sketch pairs; the practical check uses k = 800 with margin for KLL's random compaction.
        NumericSummary ref800 = NumericSummary.of(january, 800);
        NumericSummary cur800 = NumericSummary.of(june, 800);
        assertThat(WassersteinDistance.normed(ref800, cur800))
                .isCloseTo(WassersteinDistance.normed(january, june), within(0.06));
        // Moments estimated from the sketch alone are close to the exact ones for light-tailed temperatures.
        double[] seattle = DriftData.weather("temp_max", "Seattle");
        NumericSummary exactMoments = NumericSummary.of(seattle);
        NumericSummary estimated = NumericSummary.fromSketch(exactMoments.sketch());
        assertThat(estimated.mean()).isCloseTo(exactMoments.mean(), within(0.03 * exactMoments.standardDeviation()));
        assertThat(estimated.standardDeviation())
                .isCloseTo(exactMoments.standardDeviation(), within(0.03 * exactMoments.standardDeviation()));
    }

    @Test
    void identicalDataHasZeroDistance() {
        double[] delays = DriftData.flightDelays(3, 20_000);
        assertThat(WassersteinDistance.of(delays, delays.clone())).isEqualTo(0.0);
        NumericSummary summary = NumericSummary.of(delays);
        assertThat(WassersteinDistance.of(summary, summary)).isEqualTo(0.0);
    }

    @Test
    void zeroWeightRetainedItemsKeepTheInterpolatedDistanceFinite() {
        // Cumulative weights 1, 1, 3: the second item has weight 0, as in some sorted views of profile sketches.
        StepCdf withZeroWeight = new StepCdf(new double[] {0, 1, 2}, new long[] {1, 1, 3}, 3);
        StepCdf plain = new StepCdf(new double[] {0, 1, 2}, new long[] {1, 2, 3}, 3);

        double distance = WassersteinDistance.ofInterpolated(withZeroWeight, plain);

        assertThat(distance).isFinite().isPositive();
        assertThat(WassersteinDistance.ofInterpolated(withZeroWeight, withZeroWeight))
                .isZero();
    }
}
