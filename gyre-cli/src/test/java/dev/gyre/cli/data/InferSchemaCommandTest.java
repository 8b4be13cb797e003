package dev.gyre.cli.data;

import static dev.gyre.cli.data.TestData.WEATHER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.data.schema.Schema;
import dev.gyre.data.schema.SchemaFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferSchemaCommandTest {

    @TempDir
    Path dir;

    private static CommandRun run(String... args) {
        return CommandRun.run(new InferSchemaCommand(), args);
    }

    @Test
    void printsYamlForADataFile() {
        CommandRun result = run(WEATHER.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .startsWith(
                        "format: gyre.schema/v1\ncolumns:\n  - name: location\n    type: string\n    presence: 1.0\n")
                .contains("    domain:\n      - New York\n      - Seattle\n")
                .doesNotContain("range:");
        Schema schema = SchemaFiles.fromYaml(result.out(), "stdout");
        assertThat(schema.columns()).hasSize(7);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void writesTheOutputFileFromASavedProfileWithRanges() {
        Path profile = dir.resolve("weather-profile.json");
        new ProfileJson().write(DatasetProfiler.profile(DatasetSource.of(WEATHER)), profile);
        Path schemaFile = dir.resolve("weather.schema.yaml");

        CommandRun result =
                run(profile.toString(), "--output", schemaFile.toString(), "--with-ranges", "--max-domain-size", "2");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().strip()).isEqualTo("wrote the schema of 7 columns to " + schemaFile);
        Schema schema = SchemaFiles.read(schemaFile);
        assertThat(schema.column("temp_max").orElseThrow().range()).isNotNull();
        assertThat(schema.column("location").orElseThrow().domain()).hasSize(2);
        assertThat(schema.column("weather").orElseThrow().domain()).isEmpty(); // 5 values > 2
    }

    @Test
    void printsJson() throws IOException {
        CommandRun result = run(WEATHER.toString(), "--json");

        assertThat(result.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("format").asText()).isEqualTo("gyre.schema/v1");
        assertThat(json.get("columns").get(3).get("name").asText()).isEqualTo("temp_max");
        assertThat(json.get("columns").get(3).get("allow_nan").asBoolean()).isFalse();
    }

    @Test
    void badInputIsOneErrorLine() {
        CommandRun result = run(WEATHER.toString(), "--max-domain-size", "-1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("gyre: --max-domain-size must be >= 0, was -1");

        CommandRun missing = run(dir.resolve("missing.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("gyre: no such file or folder: " + dir.resolve("missing.csv"));
        assertThat(result.out()).isEmpty();
        assertThat(missing.out()).isEmpty();
    }
}
