package dev.gyre.data.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class KolmogorovSmirnovStatisticTest {

    /** Exact D by a different algorithm: evaluate both ECDFs by binary search at every observed value. */
    private static double exactD(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        double d = 0;
        for (double[] points : new double[][] {x, y}) {
            for (double v : points) {
                d = Math.max(
                        d, Math.abs((double) countAtMost(x, v) / x.length - (double) countAtMost(y, v) / y.length));
            }
        }
        return d;
    }

    private static int countAtMost(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Test
    void tinyExampleByHand() {
        // F_ref jumps by 1/4 at 1,2,3,4; F_cur at 3,4,5,6. At x = 2: 0.5 - 0 = 0.5; at x = 4: 1 - 0.5 = 0.5.
        assertThat(KolmogorovSmirnov.statistic(new double[] {1, 2, 3, 4}, new double[] {3, 4, 5, 6}))
                .isEqualTo(0.5);
        assertThat(KolmogorovSmirnov.statistic(new double[] {1, 2}, new double[] {3, 4}))
                .isEqualTo(1.0);
    }

    @Test
    void sampleStatisticEqualsExactOnWeather() {
        double[] seattle = DriftData.weather("temp_max", "Seattle");
        double[] newYork = DriftData.weather("temp_max", "New York");
        double expected = exactD(seattle, newYork);
        assertThat(KolmogorovSmirnov.statistic(seattle, newYork)).isEqualTo(expected);
        assertThat(KolmogorovSmirnov.statistic(newYork, seattle)).isEqualTo(expected);
        assertThat(expected).isGreaterThan(0.1);
    }

    @Test
    void sampleStatisticAndPValueMatchCommonsOnFlights() {
        double[] january = DriftData.flightDelays(1, 100_000);
        double[] june = DriftData.flightDelays(6, 80_000);
        TestResult result = KolmogorovSmirnov.test(january, june);
        var commons = KolmogorovSmirnovTest.withDefaults().test(january, june);
        assertThat(result.statistic()).isEqualTo(exactD(january, june));
        assertThat(result.statistic()).isCloseTo(commons.getStatistic(), within(1e-12));
        assertThat(result.pValue()).isEqualTo(commons.getPValue());
    }

    @Test
    void smallSamplePValueMatchesCommons() {
        double[] seattle = Arrays.copyOf(DriftData.weather("temp_max", "Seattle"), 60);
        double[] newYork = Arrays.copyOf(DriftData.weather("temp_max", "New York"), 50);
        TestResult result = KolmogorovSmirnov.test(seattle, newYork);
        assertThat(result.pValue())
                .isEqualTo(KolmogorovSmirnovTest.withDefaults()
                        .test(seattle, newYork)
                        .getPValue());
        assertThat(result.pValue()).isBetween(0.0, 1.0);
    }

    @Test
    void sketchStatisticWithinRankErrorBoundOfExact() {
        double[] january = DriftData.flightDelays(1, 200_000);
        double[] june = DriftData.flightDelays(6, 200_000);
        NumericSummary ref = NumericSummary.of(january);
        NumericSummary cur = NumericSummary.of(june);
        double bound = KolmogorovSmirnov.sketchErrorBound(ref, cur);
        assertThat(bound).isBetween(0.02, 0.03);
        double exact = exactD(january, june);
        TestResult sketched = KolmogorovSmirnov.test(ref, cur);
        assertThat(sketched.statistic()).isCloseTo(exact, within(bound));

        double[] seattle = DriftData.weather("temp_max", "Seattle");
        double[] newYork = DriftData.weather("temp_max", "New York");
        NumericSummary s = NumericSummary.of(seattle);
        NumericSummary n = NumericSummary.of(newYork);
        assertThat(KolmogorovSmirnov.test(s, n).statistic())
                .isCloseTo(exactD(seattle, newYork), within(KolmogorovSmirnov.sketchErrorBound(s, n)));
    }

    @Test
    void sketchOfSmallSampleIsExact() {
        double[] a = Arrays.copyOf(DriftData.weather("temp_max", "Seattle"), 150);
        double[] b = Arrays.copyOf(DriftData.weather("temp_max", "New York"), 120);
        // Fewer values than k = 200: the sketch retains every value, so D is exact.
        assertThat(KolmogorovSmirnov.test(NumericSummary.of(a), NumericSummary.of(b))
                        .statistic())
                .isEqualTo(exactD(a, b));
    }

    @Test
    void kolmogorovLimitMatchesTabulatedValues() {
        // Tabulated survival of Kolmogorov's distribution: Q(0.5) = 0.963945, Q(1) = 0.269999, and the classic
        // critical values Q(1.3581) = 0.05, Q(1.6276) = 0.01.
        assertThat(KolmogorovLimit.survival(0.5)).isCloseTo(0.963945, within(1e-6));
        assertThat(KolmogorovLimit.survival(1.0)).isCloseTo(0.269999, within(1e-6));
        assertThat(KolmogorovLimit.survival(1.3581)).isCloseTo(0.05, within(1e-5));
        assertThat(KolmogorovLimit.survival(1.6276)).isCloseTo(0.01, within(1e-5));
        assertThat(KolmogorovLimit.survival(1 - 1e-12)).isCloseTo(KolmogorovLimit.survival(1), within(1e-10));
        assertThat(KolmogorovLimit.survival(0)).isEqualTo(1.0);
        assertThat(KolmogorovLimit.survival(0.1)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void sketchPValueAgreesWithCommonsAsymptoticOnLargeSamples() {
        double[] a = DriftData.flightDelays(3, 50_000);
        double[] b = DriftData.flightDelays(4, 50_000);
        double d = KolmogorovSmirnov.statistic(a, b);
        double commons = KolmogorovSmirnovTest.withDefaults()
                .with(org.apache.commons.statistics.inference.PValueMethod.ASYMPTOTIC)
                .test(a, b)
                .getPValue();
        double effective = 50_000.0 * 50_000 / 100_000;
        assertThat(KolmogorovLimit.survival(Math.sqrt(effective) * d)).isCloseTo(commons, within(1e-3));
    }
}
