package dev.gyre.data.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {

    private final DriftDetector detector = DriftDetector.withDefaults();

    @Test
    void defaultsFollowEvidently() {
        assertThat(detector.defaultNumericMethod(1000)).isEqualTo(DriftMethod.KOLMOGOROV_SMIRNOV);
        assertThat(detector.defaultNumericMethod(1001)).isEqualTo(DriftMethod.WASSERSTEIN_NORMED);
        assertThat(detector.defaultCategoricalMethod(1000, 3)).isEqualTo(DriftMethod.CHI_SQUARE);
        assertThat(detector.defaultCategoricalMethod(1000, 2)).isEqualTo(DriftMethod.Z_TEST);
        assertThat(detector.defaultCategoricalMethod(1001, 2)).isEqualTo(DriftMethod.JENSEN_SHANNON);
        DriftConfig config = DriftConfig.defaults();
        assertThat(config.thresholdFor(DriftMethod.KOLMOGOROV_SMIRNOV)).isEqualTo(0.05);
        assertThat(config.thresholdFor(DriftMethod.WASSERSTEIN_NORMED)).isEqualTo(0.1);
        assertThat(config.thresholdFor(DriftMethod.JENSEN_SHANNON)).isEqualTo(0.1);
        assertThat(config.datasetDriftShare()).isEqualTo(0.5);
    }

    @Test
    void seattleVersusNewYorkTemperaturesDrift() {
        double[] seattle = DriftData.weather("temp_max", "Seattle");
        double[] newYork = DriftData.weather("temp_max", "New York");

        FeatureDrift large = detector.numeric("temp_max", seattle, newYork);
        assertThat(large.method()).isEqualTo(DriftMethod.WASSERSTEIN_NORMED);
        assertThat(large.pValue()).isNull();
        assertThat(large.statistic()).isGreaterThan(0.1);
        assertThat(large.drifted()).isTrue();
        assertThat(Arrays.stream(large.histograms().referenceShares()).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(Arrays.stream(large.histograms().currentShares()).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(large.histograms().size()).isEqualTo(20);

        FeatureDrift sketched = detector.numeric("temp_max", NumericSummary.of(seattle), NumericSummary.of(newYork));
        assertThat(sketched.method()).isEqualTo(DriftMethod.WASSERSTEIN_NORMED);
        assertThat(sketched.statistic()).isCloseTo(large.statistic(), within(0.05 * large.statistic()));
        assertThat(sketched.drifted()).isTrue();

        FeatureDrift small = detector.numeric("temp_max", Arrays.copyOf(seattle, 365), Arrays.copyOf(newYork, 365));
        assertThat(small.method()).isEqualTo(DriftMethod.KOLMOGOROV_SMIRNOV);
        assertThat(small.pValue()).isLessThan(0.05);
        assertThat(small.drifted()).isTrue();
    }

    @Test
    void identicalDistributionsDoNotDrift() {
        double[] seattle = DriftData.weather("temp_max", "Seattle");
        for (DriftMethod method : List.of(
                DriftMethod.KOLMOGOROV_SMIRNOV,
                DriftMethod.WASSERSTEIN_NORMED,
                DriftMethod.PSI,
                DriftMethod.JENSEN_SHANNON)) {
            DriftDetector withMethod = new DriftDetector(DriftConfig.defaults().withMethod("t", method));
            FeatureDrift samples = withMethod.numeric("t", seattle, seattle.clone());
            FeatureDrift sketches = withMethod.numeric("t", NumericSummary.of(seattle), NumericSummary.of(seattle));
            assertThat(samples.drifted()).as(method.name()).isFalse();
            assertThat(sketches.drifted()).as(method.name()).isFalse();
            assertThat(samples.method()).isEqualTo(method);
        }
        List<String> weather = DriftData.weatherCategories("Seattle");
        for (DriftMethod method :
                List.of(DriftMethod.CHI_SQUARE, DriftMethod.JENSEN_SHANNON, DriftMethod.PSI, DriftMethod.L_INFINITY)) {
            DriftDetector withMethod = new DriftDetector(DriftConfig.defaults().withMethod("w", method));
            assertThat(withMethod.categorical("w", weather, weather).drifted())
                    .as(method.name())
                    .isFalse();
        }
    }

    @Test
    void randomHalvesOfOneMonthDoNotDrift() {
        double[] january = DriftData.flightDelays(1, 200_000);
        double[] shuffled = january.clone();
        Random random = new Random(7);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        double[] first = Arrays.copyOf(shuffled, shuffled.length / 2);
        double[] second = Arrays.copyOfRange(shuffled, shuffled.length / 2, shuffled.length);
        FeatureDrift drift = detector.numeric("delay", first, second);
        assertThat(drift.method()).isEqualTo(DriftMethod.WASSERSTEIN_NORMED);
        assertThat(drift.statistic()).isLessThan(0.02);
        assertThat(drift.drifted()).isFalse();
        assertThat(detector.numeric("delay", NumericSummary.of(first, 800), NumericSummary.of(second, 800))
                        .drifted())
                .isFalse();
    }

    @Test
    void weatherTypesDriftBetweenCities() {
        List<String> seattle = DriftData.weatherCategories("Seattle");
        List<String> newYork = DriftData.weatherCategories("New York");
        FeatureDrift large = detector.categorical("weather", seattle, newYork);
        assertThat(large.method()).isEqualTo(DriftMethod.JENSEN_SHANNON);
        assertThat(large.drifted()).isTrue();
        FeatureDrift small = detector.categorical("weather", seattle.subList(0, 500), newYork.subList(0, 500));
        assertThat(small.method()).isEqualTo(DriftMethod.CHI_SQUARE);
        assertThat(small.pValue()).isLessThan(0.05);
        assertThat(small.drifted()).isTrue();
    }

    @Test
    void rainyDaysOfSeattleAndNewYorkWithTheZTest() {
        // Binary feature "rain" (precipitation > 0) over the first 365 days: 177 rainy days in Seattle, 124 in New York
        // (0.485 vs 0.340, z about 4).
        List<String> seattle = Arrays.stream(Arrays.copyOf(DriftData.weather("precipitation", "Seattle"), 365))
                .mapToObj(p -> p > 0 ? "rain" : "dry")
                .toList();
        List<String> newYork = Arrays.stream(Arrays.copyOf(DriftData.weather("precipitation", "New York"), 365))
                .mapToObj(p -> p > 0 ? "rain" : "dry")
                .toList();
        FeatureDrift drift = detector.categorical("rain", seattle, newYork);
        assertThat(drift.method()).isEqualTo(DriftMethod.Z_TEST);
        assertThat(drift.pValue()).isLessThan(1e-3);
        assertThat(drift.drifted()).isTrue();
        assertThat(detector.categorical("rain", seattle, seattle).drifted()).isFalse();
    }

    @Test
    void datasetDriftsWhenHalfTheFeaturesDrift() {
        double[] seattle = DriftData.weather("temp_max", "Seattle");
        double[] newYork = DriftData.weather("temp_max", "New York");
        FeatureDrift drifted = detector.numeric("temp_max", seattle, newYork);
        FeatureDrift stable = detector.numeric("same", seattle, seattle);
        DatasetDrift half = detector.dataset(List.of(drifted, stable));
        assertThat(half.driftedFeatures()).isEqualTo(1);
        assertThat(half.share()).isEqualTo(0.5);
        assertThat(half.drifted()).isTrue();
        DatasetDrift third = detector.dataset(List.of(drifted, stable, stable));
        assertThat(third.drifted()).isFalse();
        assertThat(detector.dataset(List.of()).drifted()).isFalse();
    }

    @Test
    void configurableThresholdsAndInvalidMethods() {
        double[] seattle = DriftData.weather("temp_max", "Seattle");
        double[] newYork = DriftData.weather("temp_max", "New York");
        double statistic = detector.numeric("t", seattle, newYork).statistic();
        DriftDetector lenient =
                new DriftDetector(DriftConfig.defaults().withThreshold(DriftMethod.WASSERSTEIN_NORMED, statistic + 1));
        FeatureDrift drift = lenient.numeric("t", seattle, newYork);
        assertThat(drift.threshold()).isEqualTo(statistic + 1);
        assertThat(drift.drifted()).isFalse();
        DriftDetector wrong = new DriftDetector(DriftConfig.defaults().withMethod("t", DriftMethod.CHI_SQUARE));
        assertThatThrownBy(() -> wrong.numeric("t", seattle, newYork)).isInstanceOf(IllegalArgumentException.class);
    }
}
