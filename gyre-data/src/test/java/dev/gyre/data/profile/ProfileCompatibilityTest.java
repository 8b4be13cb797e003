package dev.gyre.data.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import dev.gyre.data.read.DatasetSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed v1 profile must keep loading, merging and matching what this code computes. */
class ProfileCompatibilityTest {

    private static final Path SAMPLE = Path.of("src/test/resources/profile/weather-sample.csv");
    private static final Path FIXTURE = Path.of("src/test/resources/profile/weather-sample.profile-v1.json");

    private final ProfileJson json = new ProfileJson();

    @Test
    void committedVersionOneProfileLoadsMergesAndMatchesAFreshOne() {
        DatasetProfile fresh = DatasetProfiler.profile(DatasetSource.of(SAMPLE));
        if (Boolean.getBoolean("gyre.profile.regenerate")) {
            json.write(fresh, FIXTURE);
        }
        DatasetProfile committed = json.read(FIXTURE);

        assertThat(committed.formatVersion()).isEqualTo(1);
        assertThat(committed.rowCount()).isEqualTo(200);
        DatasetProfilerTest.assertMergedMatches(committed, fresh);
        DatasetProfile doubled = DatasetProfile.merge(committed, fresh);
        assertThat(doubled.rowCount()).isEqualTo(400);
        assertThat(doubled.feature("temp_max").orElseThrow().moments().count()).isEqualTo(400);
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
    void newerFormatVersionIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> json.read("{\"format_version\": 2, \"row_count\": 0, \"features\": []}", "x.json"))
                .isInstanceOf(GyreException.class)
                .hasMessage("profile x.json has format_version 2; this Gyre reads versions 1 to 1");
    }
}
