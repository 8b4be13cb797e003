package dev.gyre.data.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import dev.gyre.data.read.DatasetSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/**
 * The committed profiles of every format version must keep loading, merging and matching what this code computes.
 * {@code -Dgyre.profile.regenerate=true} rewrites the current version's fixture (never the older ones).
 */
class ProfileCompatibilityTest {

    private static final Path SAMPLE = Path.of("src/test/resources/profile/weather-sample.csv");
    private static final Path FIXTURE_V1 = Path.of("src/test/resources/profile/weather-sample.profile-v1.json");
    private static final Path FIXTURE_V2 = Path.of("src/test/resources/profile/weather-sample.profile-v2.json");

    private final ProfileJson json = new ProfileJson();

    @Test
    void committedVersionOneProfileLoadsWithoutExactValuesAndMergesWithAFreshOne() {
        DatasetProfile fresh = DatasetProfiler.profile(DatasetSource.of(SAMPLE));
        DatasetProfile committed = json.read(FIXTURE_V1);

        assertThat(committed.formatVersion()).isEqualTo(1);
        assertThat(committed.rowCount()).isEqualTo(200);
        assertThat(committed.features())
                .allSatisfy(feature -> assertThat(feature.sketches().exactValues())
                        .as(feature.name())
                        .isEmpty());
        assertThat(committed
                        .feature("temp_max")
                        .orElseThrow()
                        .sketches()
                        .kllSketch()
                        .getN())
                .isEqualTo(200);
        // 200 values fit in a k = 200 KLL sketch uncompacted, so its quantiles are the exact ones.
        assertThat(committed.feature("temp_max").orElseThrow().quantiles(FeatureProfile.REPORTED_RANKS))
                .isEqualTo(fresh.feature("temp_max").orElseThrow().quantiles(FeatureProfile.REPORTED_RANKS));
        DatasetProfilerTest.assertMergedMatches(committed, fresh);
        DatasetProfile doubled = DatasetProfile.merge(committed, fresh);
        assertThat(doubled.rowCount()).isEqualTo(400);
        FeatureProfile doubledTemperature = doubled.feature("temp_max").orElseThrow();
        assertThat(doubledTemperature.moments().count()).isEqualTo(400);
        // The v1 side has no exact values, so the union cannot have them either.
        assertThat(doubledTemperature.sketches().exactValues()).isEmpty();
        assertThat(doubledTemperature.sketches().kllSketch().getN()).isEqualTo(400);
        assertThat(doubled.feature("weather")
                        .orElseThrow()
                        .topValues(1)
                        .getFirst()
                        .count())
                .isEqualTo(2
                        * fresh.feature("weather")
                                .orElseThrow()
                                .topValues(1)
                                .getFirst()
                                .count());
    }

    @Test
    void committedVersionTwoProfileLoadsAndEqualsWhatThisCodeWritesNow() throws Exception {
        DatasetProfile fresh = DatasetProfiler.profile(DatasetSource.of(SAMPLE));
        if (Boolean.getBoolean("gyre.profile.regenerate")) {
            json.write(fresh, FIXTURE_V2);
        }
        DatasetProfile committed = json.read(FIXTURE_V2);

        assertThat(committed.formatVersion()).isEqualTo(2);
        // Moments may differ in the last bits from the code that wrote the fixture (the mean once came from DuckDB's
        // avg, now from a Welford update in Java); everything else, sketches included, must be identical.
        assertThat(committed)
                .usingRecursiveComparison()
                .withComparatorForType(ProfileCompatibilityTest::nearlyEqual, Double.class)
                .isEqualTo(fresh);
        assertThat(json.write(committed)).isEqualTo(Files.readString(FIXTURE_V2));
        double[] temperatures = Files.readAllLines(SAMPLE).stream()
                .skip(1)
                .mapToDouble(line -> Double.parseDouble(line.split(",")[3]))
                .sorted()
                .toArray();
        assertThat(Files.readAllLines(SAMPLE).getFirst().split(",")[3]).isEqualTo("temp_max");
        assertThat(committed
                        .feature("temp_max")
                        .orElseThrow()
                        .sketches()
                        .exactValues()
                        .orElseThrow())
                .containsExactly(temperatures);
        DatasetProfile doubled = DatasetProfile.merge(committed, fresh);
        double[] twice = DoubleStream.concat(Arrays.stream(temperatures), Arrays.stream(temperatures))
                .sorted()
                .toArray();
        assertThat(doubled.feature("temp_max")
                        .orElseThrow()
                        .sketches()
                        .exactValues()
                        .orElseThrow())
                .containsExactly(twice);
    }

    /** Equal, or within 1e-12 relative: the last-bit rounding of a mean or sum of squares computed another way. */
    private static int nearlyEqual(Double a, Double b) {
        if (a.equals(b) || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b))) {
            return 0;
        }
        return Double.compare(a, b);
    }

    @Test
    void newerFormatVersionIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> json.read("{\"format_version\": 3, \"row_count\": 0, \"features\": []}", "x.json"))
                .isInstanceOf(GyreException.class)
                .hasMessage("profile x.json has format_version 3; this Gyre reads versions 1 to 2");
    }

    @Test
    void damagedExactValuesAreRefusedWithAClearMessage() throws Exception {
        String written = Files.readString(FIXTURE_V2);
        String unsorted = written.replaceFirst(
                "\"exact_values\" : \"[A-Za-z0-9+/=]+\"",
                "\"exact_values\" : \""
                        + java.util.Base64.getEncoder()
                                .encodeToString(new byte[] {0, 0, 0, 0, 0, 0, -16, 63, 0, 0, 0, 0, 0, 0, 0, 0})
                        + "\"");

        assertThatThrownBy(() -> json.read(unsorted, "x.json"))
                .isInstanceOf(GyreException.class)
                .hasMessage("profile x.json has a damaged sketch: exact values must be finite and sorted");
    }
}
