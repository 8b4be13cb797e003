package dev.gyre.data.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.data.testing.TestData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift between profiles of small real samples is computed from their exact values: it equals the statistics of the
 * raw values and does not change between runs. The split is the one that flapped between 13 and 15 drifted features
 * with sketches: the first 398 and the last 171 rows of breast_cancer.csv.
 */
class ProfileDriftExactTest {

    @TempDir
    static Path temp;

    private static Path reference;
    private static Path current;

    @BeforeAll
    static void writeParts() {
        TestData.BreastCancer parts = TestData.breastCancerParts(temp);
        reference = parts.first();
        current = parts.second();
    }

    @Test
    void ksFromProfilesOfSmallSamplesEqualsTheExactTestOnTheRawValues() {
        ProfileComparison comparison = ProfileDrift.withDefaults().compare(profile(reference), profile(current));

        Map<String, FeatureDrift> features = byName(comparison);
        assertThat(features).hasSize(31);
        int drifted = 0;
        for (int c = 0; c < 30; c++) {
            String name = String.format("column%02d", c);
            double[] r = raw(reference, name);
            double[] k = raw(current, name);
            FeatureDrift feature = features.get(name);
            double p = KolmogorovSmirnovTest.withDefaults().test(r, k).getPValue();
            assertThat(feature.method()).isEqualTo(DriftMethod.KOLMOGOROV_SMIRNOV);
            assertThat(feature.statistic()).as(name).isCloseTo(bruteForceD(r, k), within(1e-12));
            assertThat(feature.pValue()).as(name).isCloseTo(p, within(1e-12));
            assertThat(feature.drifted()).as(name).isEqualTo(p < 0.05);
            assertThat(comparison.sources()).containsEntry(name, DistributionSource.EXACT);
            drifted += p < 0.05 ? 1 : 0;
        }
        assertThat(comparison.drift().driftedFeatures())
                .isEqualTo(drifted + (features.get("column30").drifted() ? 1 : 0));
        // SciPy 1.17 on the same rows: ks_2samp(...).statistic and wasserstein_distance(r, c) / np.std(r).
        assertThat(features.get("column00").statistic()).isCloseTo(0.12035322812894884, within(1e-12));
        assertThat(features.get("column07").statistic()).isCloseTo(0.1764965176760998, within(1e-12));
        assertThat(comparison.normedWasserstein().get("column00")).isCloseTo(0.1991330249976689, within(1e-12));
        assertThat(comparison.normedWasserstein().get("column07")).isCloseTo(0.26275226500345095, within(1e-12));
    }

    @Test
    void twoRunsOnTheSameFilesGiveTheSameComparison() {
        ProfileComparisonJson json = new ProfileComparisonJson();
        String first = json.write(
                ProfileDrift.withDefaults().compare(profile(reference), profile(current)), "reference", "current");
        String second = json.write(
                ProfileDrift.withDefaults().compare(profile(reference), profile(current)), "reference", "current");

        assertThat(second)
                .isEqualTo(first)
                .contains("\"source\" : \"exact\"")
                .doesNotContain("\"source\" : \"sketch\"");
    }

    @Test
    void binnedMetricsFromExactValuesEqualThoseOfTheRawValues() {
        DriftConfig config = DriftConfig.defaults()
                .withMethod("column00", DriftMethod.PSI)
                .withMethod("column07", DriftMethod.JENSEN_SHANNON)
                .withMethod("column03", DriftMethod.WASSERSTEIN_NORMED);
        ProfileComparison comparison = new ProfileDrift(config, ProfileDrift.DEFAULT_KS_MINIMUM_EFFECT)
                .compare(profile(reference), profile(current));
        Map<String, FeatureDrift> features = byName(comparison);
        DriftDetector detector = new DriftDetector(config);

        for (String name : new String[] {"column00", "column07", "column03"}) {
            FeatureDrift expected = detector.numeric(name, raw(reference, name), raw(current, name));
            assertThat(features.get(name)).as(name).isEqualTo(expected);
        }
        // Reference deciles of column00, computed here: PSI over those ten bins with the 1e-4 floor.
        double[] r = raw(reference, "column00");
        double[] k = raw(current, "column00");
        assertThat(features.get("column00").statistic()).isCloseTo(decilePsi(r, k), within(1e-12));
    }

    @Test
    void aSideWithoutExactValuesFallsBackToSketches() {
        DatasetProfile small = profile(reference);
        DatasetProfile large = profile(TestData.shared("modeldata_lending_club.csv"));
        DatasetProfile weather = profile(TestData.shared("weather.csv"));
        DatasetProfile doubled = DatasetProfile.merge(weather, weather);

        ProfileComparison comparison = ProfileDrift.withDefaults().compare(doubled, weather);

        assertThat(doubled.feature("temp_max").orElseThrow().sketches().exactValues())
                .isEmpty();
        assertThat(comparison.sources())
                .containsEntry("temp_max", DistributionSource.SKETCH)
                .containsEntry("location", DistributionSource.EXACT);
        assertThat(byName(comparison).get("temp_max").statistic()).isLessThan(0.03);
        assertThat(large.feature("annual_inc").orElseThrow().sketches().exactValues())
                .isEmpty();
        assertThat(small.feature("column00").orElseThrow().sketches().exactValues())
                .isPresent();
    }

    /** D by evaluating both ECDFs at every observed value with linear counts. */
    private static double bruteForceD(double[] a, double[] b) {
        double d = 0;
        for (double[] points : new double[][] {a, b}) {
            for (double x : points) {
                d = Math.max(d, Math.abs(share(a, x) - share(b, x)));
            }
        }
        return d;
    }

    private static double share(double[] values, double x) {
        return (double) Arrays.stream(values).filter(v -> v <= x).count() / values.length;
    }

    /** PSI over the reference's inverted-CDF deciles, right-closed bins, empty shares floored at 1e-4. */
    private static double decilePsi(double[] reference, double[] current) {
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        double[] edges = java.util.stream.IntStream.range(1, 10)
                .mapToDouble(i -> sorted[(int) Math.ceil(i / 10.0 * sorted.length) - 1])
                .distinct()
                .toArray();
        double psi = 0;
        for (int i = 0; i <= edges.length; i++) {
            double low = i == 0 ? Double.NEGATIVE_INFINITY : edges[i - 1];
            double high = i == edges.length ? Double.POSITIVE_INFINITY : edges[i];
            double r = Math.max(1e-4, inBin(reference, low, high));
            double c = Math.max(1e-4, inBin(current, low, high));
            psi += (c - r) * Math.log(c / r);
        }
        return psi;
    }

    private static double inBin(double[] values, double low, double high) {
        return (double) Arrays.stream(values).filter(v -> v > low && v <= high).count() / values.length;
    }

    private static Map<String, FeatureDrift> byName(ProfileComparison comparison) {
        return comparison.drift().features().stream()
                .collect(Collectors.toMap(FeatureDrift::feature, Function.identity()));
    }

    private static DatasetProfile profile(Path file) {
        return DatasetProfiler.profile(DatasetSource.of(file));
    }

    private static double[] raw(Path file, String column) {
        return TestData.doubles("SELECT " + column + " FROM read_csv('" + file + "')");
    }
}
