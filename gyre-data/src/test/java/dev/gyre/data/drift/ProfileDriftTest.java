package dev.gyre.data.drift;

import static dev.gyre.data.testing.TestData.copy;
import static dev.gyre.data.testing.TestData.quoted;
import static dev.gyre.data.testing.TestData.shared;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.read.DatasetSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileDriftTest {

    @TempDir
    Path dir;

    private final ProfileDrift drift = ProfileDrift.withDefaults();

    @Test
    void seattleAgainstNewYorkTemperaturesDriftWhileDatesDoNot() {
        DatasetProfile seattle = profile(part("seattle.csv", "location = 'Seattle'"));
        DatasetProfile newYork = profile(part("new_york.csv", "location = 'New York'"));

        ProfileComparison comparison = drift.compare(seattle, newYork);

        Map<String, FeatureDrift> features = byName(comparison);
        assertThat(features.get("temp_max").method()).isEqualTo(DriftMethod.KOLMOGOROV_SMIRNOV);
        assertThat(features.get("temp_max").drifted()).isTrue();
        assertThat(features.get("temp_max").statistic()).isGreaterThanOrEqualTo(0.1);
        assertThat(features.get("temp_max").pValue()).isLessThan(0.05);
        assertThat(features.get("temp_min").drifted()).isTrue();
        assertThat(features.get("location").method()).isEqualTo(DriftMethod.JENSEN_SHANNON);
        assertThat(features.get("location").drifted()).isTrue();
        // Both parts cover the same days, so the date distribution is the same.
        assertThat(features.get("date").drifted()).isFalse();
        assertThat(comparison.normedWasserstein())
                .containsOnlyKeys("date", "precipitation", "temp_max", "temp_min", "wind");
        assertThat(comparison.normedWasserstein().values())
                .allSatisfy(w -> assertThat(w).isFinite());
        assertThat(comparison.normedWasserstein().get("temp_max")).isPositive();
        assertThat(comparison.schemaChanged()).isFalse();
        assertThat(comparison.drift().drifted()).isTrue();
    }

    @Test
    void twoRandomHalvesOfOneFileDoNotDrift() {
        DatasetProfile first = profile(part("first.csv", "hash(date, location) % 2 = 0"));
        DatasetProfile second = profile(part("second.csv", "hash(date, location) % 2 = 1"));

        ProfileComparison comparison = drift.compare(first, second);

        assertThat(comparison.drift().features()).hasSize(7);
        assertThat(comparison.drift().features())
                .allSatisfy(f -> assertThat(f.drifted()).as(f.feature()).isFalse());
        assertThat(comparison.drift().drifted()).isFalse();
    }

    @Test
    void aProfileAgainstItselfHasZeroStatistics() {
        DatasetProfile weather = profile(shared("weather.csv"));

        ProfileComparison comparison = drift.compare(weather, weather);

        assertThat(comparison.drift().features()).hasSize(7).allSatisfy(f -> {
            assertThat(f.statistic()).as(f.feature()).isZero();
            assertThat(f.drifted()).isFalse();
        });
        assertThat(comparison.normedWasserstein().values()).containsOnly(0.0);
        assertThat(comparison.drift().driftedFeatures()).isZero();
    }

    @Test
    void missingColumnsAndTypeChangesAreReportedNotDropped() {
        Path reference = query("reference.csv", "SELECT * FROM read_csv_auto(?)");
        Path current = query(
                "current.csv",
                "SELECT location, date, precipitation, temp_max, CAST(wind AS VARCHAR) || 'm/s' AS wind,"
                        + " weather, 1 AS extra FROM read_csv_auto(?)");

        ProfileComparison comparison = drift.compare(profile(reference), profile(current));

        assertThat(comparison.onlyInReference()).containsExactly("temp_min");
        assertThat(comparison.onlyInCurrent()).containsExactly("extra");
        assertThat(comparison.typeChanges())
                .containsExactly(new TypeChange(
                        "wind", dev.gyre.data.read.GyreType.NUMERIC, dev.gyre.data.read.GyreType.STRING));
        assertThat(comparison.schemaChanged()).isTrue();
        assertThat(byName(comparison)).containsOnlyKeys("location", "date", "precipitation", "temp_max", "weather");
    }

    private static Map<String, FeatureDrift> byName(ProfileComparison comparison) {
        return comparison.drift().features().stream()
                .collect(Collectors.toMap(FeatureDrift::feature, Function.identity()));
    }

    private static DatasetProfile profile(Path file) {
        return DatasetProfiler.profile(DatasetSource.of(file));
    }

    private Path part(String name, String condition) {
        return query(name, "SELECT * FROM read_csv_auto(?) WHERE " + condition);
    }

    /** Writes the result of {@code select} over the weather data (its one parameter) to a CSV in the temp dir. */
    private Path query(String name, String select) {
        return copy(select.replace("?", quoted(shared("weather.csv"))), dir.resolve(name));
    }
}
