package dev.gyre.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.cli.OneLineErrors;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.data.schema.Schema;
import dev.gyre.data.schema.SchemaFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InferSchemaCommandTest {

    private static final Path WEATHER = Path.of(System.getProperty("gyre.shared.data"), "weather.csv")
            .toAbsolutePath()
            .normalize();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new InferSchemaCommand());
        command.setExecutionExceptionHandler(new OneLineErrors());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    @Test
    void printsYamlForADataFile() {
        int exit = run(WEATHER.toString());

        assertThat(exit).isZero();
        assertThat(out.toString())
                .startsWith(
                        "format: gyre.schema/v1\ncolumns:\n  - name: location\n    type: string\n    presence: 1.0\n")
                .contains("    domain:\n      - New York\n      - Seattle\n")
                .doesNotContain("range:");
        Schema schema = SchemaFiles.fromYaml(out.toString(), "stdout");
        assertThat(schema.columns()).hasSize(7);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void writesTheOutputFileFromASavedProfileWithRanges() {
        Path profile = dir.resolve("weather-profile.json");
        new ProfileJson().write(DatasetProfiler.profile(DatasetSource.of(WEATHER)), profile);
        Path schemaFile = dir.resolve("weather.schema.yaml");

        int exit =
                run(profile.toString(), "--output", schemaFile.toString(), "--with-ranges", "--max-domain-size", "2");

        assertThat(exit).isZero();
        assertThat(out.toString().strip()).isEqualTo("wrote the schema of 7 columns to " + schemaFile);
        Schema schema = SchemaFiles.read(schemaFile);
        assertThat(schema.column("temp_max").orElseThrow().range()).isNotNull();
        assertThat(schema.column("location").orElseThrow().domain()).hasSize(2);
        assertThat(schema.column("weather").orElseThrow().domain()).isEmpty(); // 5 values > 2
    }

    @Test
    void printsJson() throws IOException {
        int exit = run(WEATHER.toString(), "--json");

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("format").asText()).isEqualTo("gyre.schema/v1");
        assertThat(json.get("columns").get(3).get("name").asText()).isEqualTo("temp_max");
        assertThat(json.get("columns").get(3).get("allow_nan").asBoolean()).isFalse();
    }

    @Test
    void badInputIsOneErrorLine() {
        int exit = run(WEATHER.toString(), "--max-domain-size", "-1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("gyre: --max-domain-size must be >= 0, was -1");

        err.getBuffer().setLength(0);
        int missing = run(dir.resolve("missing.csv").toString());
        assertThat(missing).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("gyre: no such file or folder: " + dir.resolve("missing.csv"));
        assertThat(out.toString()).isEmpty();
    }
}
