package dev.gyre.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.cli.OneLineErrors;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.read.DatasetSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompareCommandTest {

    private static final Path WEATHER = Path.of(System.getProperty("gyre.shared.data"), "weather.csv")
            .toAbsolutePath()
            .normalize();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new CompareCommand());
        command.setExecutionExceptionHandler(new OneLineErrors());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    @Test
    void seattleAgainstNewYorkDriftsAndExitsOne() {
        Path seattle = weatherAt("Seattle");
        Path newYork = weatherAt("New York");

        int exit = run(seattle.toString(), newYork.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .containsPattern("(?m)^temp_max +numeric +kolmogorov_smirnov +exact .* DRIFT$")
                .containsPattern("(?m)^temp_min +numeric +kolmogorov_smirnov .* DRIFT$")
                .containsPattern("(?m)^location +string +jensen_shannon .* DRIFT$")
                .containsPattern("(?m)^date +timestamp +kolmogorov_smirnov .* ok$")
                .containsPattern("(?m)^\\d of 7 features drifted .*: DATASET DRIFT$");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void everyDriftThresholdIsAnOption() throws IOException {
        Path seattle = weatherAt("Seattle");
        Path newYork = weatherAt("New York");

        int exit = run(
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

        assertThat(exit).isZero(); // not every feature drifts, and the share now has to be 100%
        JsonNode report = new ObjectMapper().readTree(out.toString());
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
        assertThat(run(WEATHER.toString(), WEATHER.toString(), "--threshold", "ks=0.1"))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("gyre: unknown drift method 'ks' (expected one of kolmogorov_smirnov");
    }

    @Test
    void aFileAgainstItselfDoesNotDrift() {
        int exit = run(WEATHER.toString(), WEATHER.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).doesNotContain("DRIFT").contains("0 of 7 features drifted (0.0%, threshold 50%)");
    }

    @Test
    void aSavedProfileComparesWithADataFileAsJson() throws IOException {
        Path profile = dir.resolve("seattle-profile.json");
        new ProfileJson().write(DatasetProfiler.profile(DatasetSource.of(weatherAt("Seattle"))), profile);

        int exit = run(profile.toString(), weatherAt("New York").toString(), "--json");

        assertThat(exit).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(out.toString());
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
        int exit = run(WEATHER.toString(), dir.resolve("missing.csv").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip())
                .isEqualTo("gyre: no such file or folder: " + dir.resolve("missing.csv"))
                .doesNotContain("\n");
    }

    @Test
    void aDamagedProfileIsOneErrorLine() throws IOException {
        Path profile = dir.resolve("damaged.json");
        java.nio.file.Files.writeString(profile, "{\"format_version\": 1, \"row_count\": ");

        int exit = run(profile.toString(), WEATHER.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip())
                .startsWith("gyre: profile " + profile)
                .doesNotContain("\n");
    }

    private Path weatherAt(String location) {
        Path target = dir.resolve(location.replace(' ', '_') + ".csv");
        String sql = "COPY (SELECT * FROM read_csv_auto(" + quoted(WEATHER) + ") WHERE location = " + quoted(location)
                + ") TO " + quoted(target) + " (HEADER)";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return target;
    }

    private static String quoted(Object text) {
        return "'" + text.toString().replace("'", "''") + "'";
    }
}
