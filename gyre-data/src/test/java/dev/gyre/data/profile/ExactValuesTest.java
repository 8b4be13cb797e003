package dev.gyre.data.profile;

import static dev.gyre.data.testing.TestData.shared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gyre.data.read.DatasetSource;
import dev.gyre.data.read.GyreType;
import dev.gyre.data.testing.TestData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small features keep their exact sorted values: profiles are deterministic, exact and merge exactly. */
class ExactValuesTest {

    /** KLL k=200 single-quantile rank error (99%), plus a little slack. */
    private static final double RANK_ERROR = 0.0165 + 0.002;

    @TempDir
    static Path temp;

    private static Path whole;
    private static Path first;
    private static Path second;

    /** breast_cancer.csv (569 rows; line 1 is not a header) with a header, and its first 398 and last 171 rows. */
    @BeforeAll
    static void writeParts() {
        TestData.BreastCancer parts = TestData.breastCancerParts(temp);
        whole = parts.whole();
        first = parts.first();
        second = parts.second();
    }

    @Test
    void profilingTheSameSmallFileTwiceGivesIdenticalJson() {
        ProfileJson json = new ProfileJson();
        DatasetProfile once = profile(whole);
        DatasetProfile twice = profile(whole);

        assertThat(json.write(twice)).isEqualTo(json.write(once));
        assertThat(twice).isEqualTo(once);
        assertThat(once.features()).hasSize(31).allSatisfy(feature -> {
            assertThat(feature.sketches().kll()).as(feature.name()).isNull();
            assertThat(feature.sketches().exactValues()).as(feature.name()).isPresent();
        });
    }

    @Test
    void exactValuesAreTheSortedColumnAndGiveExactQuantilesAndHistograms() {
        FeatureProfile radius = profile(whole).feature("column00").orElseThrow();
        double[] raw = column(whole, "column00");
        Arrays.sort(raw);

        assertThat(radius.type()).isEqualTo(GyreType.NUMERIC);
        assertThat(radius.sketches().exactValues().orElseThrow()).containsExactly(raw);
        // Inclusive quantile: the smallest value with at least ceil(rank * n) values at or below it.
        assertThat(radius.quantiles(List.of(0.0, 0.25, 0.5, 1.0)))
                .containsExactly(raw[0], raw[(int) Math.ceil(0.25 * 569) - 1], raw[284], raw[568]);
        double median = raw[284];
        long atMost = Arrays.stream(raw).filter(v -> v <= median).count();
        assertThat(radius.rank(median, QuantileSearchCriteria.INCLUSIVE)).isEqualTo(atMost / 569.0);
        List<HistogramBucket> histogram = radius.equalWidthHistogram(10);
        HistogramBucket third = histogram.get(2);
        long inThird = Arrays.stream(raw)
                .filter(v -> v > third.low() && v <= third.high())
                .count();
        assertThat(third.count()).isEqualTo((double) inThird);
        assertThat(histogram.stream().mapToDouble(HistogramBucket::count).sum()).isEqualTo(569.0);
    }

    @Test
    void mergeOfTwoSmallProfilesKeepsExactValuesAndEqualsTheProfileOfTheConcatenation() {
        DatasetProfile merged = DatasetProfile.merge(profile(first), profile(second));
        DatasetProfile concatenated = profile(whole);

        DatasetProfilerTest.assertMergedMatches(merged, concatenated);
        for (FeatureProfile expected : concatenated.features()) {
            FeatureProfile actual = merged.feature(expected.name()).orElseThrow();
            double[] raw = column(whole, expected.name());
            Arrays.sort(raw);
            assertThat(actual.sketches().exactValues().orElseThrow())
                    .as(expected.name())
                    .containsExactly(raw);
            assertThat(actual.sketches().exact()).isEqualTo(expected.sketches().exact());
            assertThat(actual.quantiles(FeatureProfile.REPORTED_RANKS))
                    .isEqualTo(expected.quantiles(FeatureProfile.REPORTED_RANKS));
            assertThat(actual.quantileHistogram(10)).isEqualTo(expected.quantileHistogram(10));
        }
    }

    @Test
    void mergeBeyondTheLimitDropsExactValuesAndKeepsAKllSketch() {
        Path weather = shared("weather.csv");
        DatasetProfile once = profile(weather);
        FeatureProfile single = once.feature("temp_max").orElseThrow();
        assertThat(single.sketches().exactValues().orElseThrow()).hasSize(2922);

        FeatureProfile doubled =
                DatasetProfile.merge(once, once).feature("temp_max").orElseThrow();

        assertThat(doubled.sketches().exactValues()).isEmpty();
        assertThat(doubled.sketches().kll()).isNotNull();
        assertThat(doubled.sketches().kllSketch().getN()).isEqualTo(2 * 2922);
        assertThat(doubled.moments().count()).isEqualTo(2 * 2922);
        double[] raw = column(weather, "temp_max");
        Arrays.sort(raw);
        double median = doubled.quantiles(List.of(0.5)).getFirst();
        assertThat(median)
                .isBetween(
                        raw[(int) Math.floor((0.5 - RANK_ERROR) * raw.length)],
                        raw[(int) Math.ceil((0.5 + RANK_ERROR) * raw.length)]);
        assertThat(doubled.rank(median, QuantileSearchCriteria.INCLUSIVE)).isCloseTo(0.5, within(RANK_ERROR));
    }

    @Test
    void jsonRoundTripKeepsExactValues() {
        ProfileJson json = new ProfileJson();
        DatasetProfile profile = profile(first);
        String written = json.write(profile);

        DatasetProfile loaded = json.read(written, "memory");

        assertThat(loaded).isEqualTo(profile);
        assertThat(loaded.formatVersion()).isEqualTo(DatasetProfile.FORMAT_VERSION);
        assertThat(written).contains("\"exact_values\" : \"");
        double[] raw = column(first, "column07");
        Arrays.sort(raw);
        assertThat(loaded.feature("column07")
                        .orElseThrow()
                        .sketches()
                        .exactValues()
                        .orElseThrow())
                .containsExactly(raw);
    }

    private static DatasetProfile profile(Path file) {
        return DatasetProfiler.profile(DatasetSource.of(file));
    }

    /** The non-null values of one column, read by DuckDB directly. */
    private static double[] column(Path file, String name) {
        return TestData.doubles("SELECT " + name + " FROM read_csv('" + file + "') WHERE " + name + " IS NOT NULL");
    }
}
