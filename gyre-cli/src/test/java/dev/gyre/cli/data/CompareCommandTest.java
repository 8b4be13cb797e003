package dev.gyre.cli.data;

import static dev.gyre.cli.data.TestData.WEATHER;
import static dev.gyre.cli.data.TestData.weatherAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.read.DatasetSource;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path dir;

    private static CommandRun run(String... args) {
        return CommandRun.run(new CompareCommand(), args);
    }

    @Test
    void seattleAgainstNewYorkDriftsAndExitsOne() {
        Path seattle = weatherAt(dir, "Seattle");
        Path newYork = weatherAt(dir, "New York");

        CommandRun result = run(seattle.toString(), newYork.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out())
                .containsPattern("(?m)^temp_max +numeric +kolmogorov_smirnov +exact .* DRIFT$")
                .containsPattern("(?m)^temp_min +numeric +kolmogorov_smirnov .* DRIFT$")
                .containsPattern("(?m)^location +string +jensen_shannon .* DRIFT$")
                .containsPattern("(?m)^date +timestamp +kolmogorov_smirnov .* ok$")
                .containsPattern("(?m)^\\d of 7 features drifted .*: DATASET DRIFT$");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void everyDriftThresholdIsAnOption() throws IOException {
        Path seattle = weatherAt(dir, "Seattle");
        Path newYork = weatherAt(dir, "New York");

        CommandRun result = run(
                seattle.toString(),
                newYork.toString(),
                "--json",
                "--drift-share",
                "1.0",
                "--method",
                "temp_max=psi",
                "--threshold",
                "psi=0.2",
                "--small-sample-rows",
                "5000");

        assertThat(result.exitCode()).isZero(); // not every feature drifts, and the share now has to be 100%
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.path("drift_share_threshold").asDouble()).isEqualTo(1.0);
        JsonNode tempMax = null;
        for (JsonNode feature : report.path("features")) {
            if (feature.path("feature").asText().equals("temp_max")) {
                tempMax = feature;
            }
        }
        assertThat(tempMax).isNotNull();
        assertThat(tempMax.path("method").asText()).isEqualTo("psi");
        assertThat(tempMax.path("threshold").asDouble()).isEqualTo(0.2);
        // 1461 reference rows are now a small sample: location is decided by a p-value test, not a distance
        assertThat(report.path("features").findValuesAsText("method")).doesNotContain("jensen_shannon");
    }

    @Test
    void badDriftOptionsAreOneErrorLine() {
        CommandRun result = run(WEATHER.toString(), WEATHER.toString(), "--threshold", "ks=0.1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("gyre: unknown drift method 'ks' (expected one of kolmogorov_smirnov");
    }

    @Test
    void aFileAgainstItselfDoesNotDrift() {
        CommandRun result = run(WEATHER.toString(), WEATHER.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).doesNotContain("DRIFT").contains("0 of 7 features drifted (0.0%, threshold 50%)");
    }

    @Test
    void aSavedProfileComparesWithADataFileAsJson() throws IOException {
        Path profile = dir.resolve("seattle-profile.json");
        new ProfileJson().write(DatasetProfiler.profile(DatasetSource.of(weatherAt(dir, "Seattle"))), profile);

        CommandRun result = run(profile.toString(), weatherAt(dir, "New York").toString(), "--json");

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.get("dataset_drift").asBoolean()).isTrue();
        assertThat(report.get("compared_features").asInt()).isEqualTo(7);
        JsonNode tempMax = report.get("features").get(3);
        assertThat(tempMax.get("feature").asText()).isEqualTo("temp_max");
        assertThat(tempMax.get("method").asText()).isEqualTo("kolmogorov_smirnov");
        assertThat(tempMax.get("p_value").asDouble()).isLessThan(0.05);
        assertThat(tempMax.get("minimum_effect").asDouble()).isEqualTo(0.1);
        assertThat(tempMax.get("normed_wasserstein").asDouble()).isPositive();
        assertThat(tempMax.get("drifted").asBoolean()).isTrue();
        assertThat(report.get("only_in_reference")).isEmpty();
        assertThat(ProfileInputs.isSavedProfile(profile)).isTrue();
        assertThat(ProfileInputs.isSavedProfile(WEATHER)).isFalse();
    }

    @Test
    void aMissingFileIsOneErrorLine() {
        CommandRun result = run(WEATHER.toString(), dir.resolve("missing.csv").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().strip())
                .isEqualTo("gyre: no such file or folder: " + dir.resolve("missing.csv"))
                .doesNotContain("\n");
    }

    @Test
    void aDamagedProfileIsOneErrorLine() throws IOException {
        Path profile = dir.resolve("damaged.json");
        java.nio.file.Files.writeString(profile, "{\"format_version\": 1, \"row_count\": ");

        CommandRun result = run(profile.toString(), WEATHER.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().strip()).startsWith("gyre: profile " + profile).doesNotContain("\n");
    }
}
