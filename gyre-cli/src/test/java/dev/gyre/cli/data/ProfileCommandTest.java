package dev.gyre.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.FeatureProfile;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.read.GyreType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCommandTest {

    @TempDir
    Path dir;

    private static CommandRun run(String... args) {
        return CommandRun.run(new ProfileCommand(), args);
    }

    private Path smallCsv() throws IOException {
        Path csv = dir.resolve("small.csv");
        Files.writeString(csv, """
                city,temp,rain,day
                Oslo,1.5,true,2024-01-01
                Oslo,2.5,false,2024-01-02
                Rome,12,false,2024-01-03
                Oslo,,true,2024-01-04
                """);
        return csv;
    }

    @Test
    void printsOneSummaryRowPerFeatureAndTimingOnStderr() throws IOException {
        CommandRun result = run(smallCsv().toString());

        assertThat(result.exitCode()).isZero();
        String table = result.out();
        assertThat(table).contains("small.csv: 4 rows, 4 features");
        assertThat(table.lines().skip(1).findFirst().orElseThrow())
                .containsSubsequence("FEATURE", "TYPE", "MISSING", "MIN", "MEAN", "MAX", "TOP VALUE", "DISTINCT");
        assertThat(table).containsPattern("city\\s+string\\s+0\\.0%\\s+-\\s+-\\s+-\\s+Oslo \\(75\\.0%\\)\\s+≈2");
        assertThat(table).containsPattern("temp\\s+numeric\\s+25\\.0%\\s+1\\.5\\s+5\\.33333\\s+12\\s+-\\s+≈3");
        assertThat(table)
                .containsPattern("rain\\s+boolean\\s+0\\.0%\\s+0\\s+50\\.0% true\\s+1\\s+(true|false) \\(50\\.0%\\)");
        assertThat(table)
                .containsPattern("day\\s+timestamp\\s+0\\.0%\\s+2024-01-01\\s+2024-01-02T12:00:00Z\\s+2024-01-04");
        assertThat(result.err()).matches("profiled 4 rows, 4 features in \\d+\\.\\d\\d s\\R");
    }

    @Test
    void jsonIsTheVersionedProfile() throws IOException {
        CommandRun result = run(TestData.WEATHER.toString(), "--json");

        assertThat(result.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("format_version").asInt()).isEqualTo(DatasetProfile.FORMAT_VERSION);
        assertThat(json.get("row_count").asLong()).isEqualTo(2922);
        assertThat(json.get("features")).hasSize(7);
        assertThat(new ProfileJson().read(result.out(), "stdout").rowCount()).isEqualTo(2922);
    }

    @Test
    void outputWritesALoadableProfileAndStillPrintsTheTable() throws IOException {
        Path saved = dir.resolve("profile.json");

        CommandRun result = run(smallCsv().toString(), "--output", saved.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("small.csv: 4 rows, 4 features");
        DatasetProfile loaded = new ProfileJson().read(saved);
        assertThat(loaded.rowCount()).isEqualTo(4);
        FeatureProfile temp = loaded.feature("temp").orElseThrow();
        assertThat(temp.type()).isEqualTo(GyreType.NUMERIC);
        assertThat(temp.counts().missing()).isEqualTo(1);
        assertThat(temp.moments().max()).isEqualTo(12.0);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary file is left behind")
                    .containsExactlyInAnyOrder("small.csv", "profile.json");
        }
    }

    @Test
    void anExplicitFormatOverridesTheExtension() throws IOException {
        Path noExtension = Files.copy(smallCsv(), dir.resolve("data.txt"));

        CommandRun result = run(noExtension.toString(), "--format", "csv", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(result.out()).get("row_count").asLong())
                .isEqualTo(4);
    }

    @Test
    void aMissingFileFailsWithOneLine() {
        Path missing = dir.resolve("nope.csv");

        CommandRun result = run(missing.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines())
                .singleElement()
                .asString()
                .isEqualTo("gyre: no such file or folder: " + missing);
    }
}
