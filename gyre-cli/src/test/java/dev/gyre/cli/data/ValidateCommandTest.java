package dev.gyre.cli.data;

import static dev.gyre.cli.data.TestData.WEATHER;
import static dev.gyre.cli.data.TestData.weatherAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    /** What inferring the schema wrote to stderr, kept for the test that asserts that nothing was. */
    private String schemaErrors = "";

    private static CommandRun validate(String... args) {
        return CommandRun.run(new ValidateCommand(), args);
    }

    private Path seattleSchema() {
        Path schema = dir.resolve("seattle.schema.yaml");
        schemaErrors = CommandRun.run(
                        new InferSchemaCommand(), weatherAt(dir, "Seattle").toString(), "--output", schema.toString())
                .err();
        return schema;
    }

    @Test
    void dataMatchingItsSchemaPassesWithWarningsOnly() {
        Path schema = seattleSchema();
        Path seattle = weatherAt(dir, "Seattle");

        CommandRun result =
                validate(seattle.toString(), "--schema", schema.toString(), "--reference", seattle.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .startsWith(seattle + ": 1461 rows against schema " + schema + "\n")
                .endsWith("PASSED: 0 errors, 0 warnings\n");
        assertThat(schemaErrors).isEmpty();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void anotherLocationFailsAndExitsOne() {
        Path schema = seattleSchema();

        CommandRun result = validate(
                weatherAt(dir, "New York").toString(),
                "--schema",
                schema.toString(),
                "--reference",
                weatherAt(dir, "Seattle").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out())
                .containsPattern("(?m)^SEVERITY +KIND +COLUMN +MESSAGE$")
                .containsPattern("(?m)^ERROR +unexpected_values +location +1461 values \\(100\\.00%\\) outside the"
                        + " domain: New York \\(1461\\)$")
                .containsPattern(
                        "(?m)^WARNING +drift +temp_max +differs from the reference \\(kolmogorov_smirnov .*\\)$")
                .containsPattern("(?m)^FAILED: 1 errors, \\d+ warnings$");
    }

    @Test
    void jsonReportAndSkewFromATrainingFile() throws IOException {
        Path schema = seattleSchema();

        CommandRun result = validate(
                weatherAt(dir, "New York").toString(),
                "--schema",
                schema.toString(),
                "--training",
                weatherAt(dir, "Seattle").toString(),
                "--json");

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.get("passed").asBoolean()).isFalse();
        assertThat(report.get("errors").asInt()).isEqualTo(1);
        assertThat(report.get("anomalies").get(0).get("kind").asText()).isEqualTo("unexpected_values");
        assertThat(report.get("anomalies").findValuesAsText("kind"))
                .contains("skew")
                .doesNotContain("drift");
    }

    @Test
    void htmlReportCarriesTheAnomalyTable() throws IOException {
        Path schema = seattleSchema();
        Path page = dir.resolve("validation.html");

        CommandRun result = validate(
                weatherAt(dir, "New York").toString(), "--schema", schema.toString(), "--html", page.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("HTML report: " + page.toAbsolutePath());
        String html = Files.readString(page);
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("FAILED: 1 error(s)")
                .contains("unexpected_values")
                .contains("New York (1461)")
                .doesNotContain("<script");
    }

    @Test
    void aBadSchemaIsOneErrorLine() throws IOException {
        Path schema = dir.resolve("schema.yaml");
        Files.writeString(
                schema,
                "format: gyre.schema/v1\ncolumns:\n  - name: a\n    type: numeric\n    expectations:\n"
                        + "      - between: {min: 0, mostly: 1.5}\n");

        CommandRun result = validate(WEATHER.toString(), "--schema", schema.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().strip())
                .isEqualTo("gyre: " + schema
                        + ": columns[0].expectations[0].between.mostly: must be between 0 and 1, was 1.5");
    }

    @Test
    void theSchemaOptionIsRequired() {
        CommandRun result = validate(WEATHER.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--schema=FILE'");
    }
}
