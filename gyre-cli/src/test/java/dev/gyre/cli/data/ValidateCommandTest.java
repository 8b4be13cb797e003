package dev.gyre.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.cli.OneLineErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {

    private static final Path WEATHER = Path.of(System.getProperty("gyre.shared.data"), "weather.csv")
            .toAbsolutePath()
            .normalize();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(CommandLine command, String... args) {
        command.setExecutionExceptionHandler(new OneLineErrors());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    private int validate(String... args) {
        return run(new CommandLine(new ValidateCommand()), args);
    }

    private Path seattleSchema() {
        Path schema = dir.resolve("seattle.schema.yaml");
        run(new CommandLine(new InferSchemaCommand()), weatherAt("Seattle").toString(), "--output", schema.toString());
        out.getBuffer().setLength(0);
        return schema;
    }

    @Test
    void dataMatchingItsSchemaPassesWithWarningsOnly() {
        Path schema = seattleSchema();
        Path seattle = weatherAt("Seattle");

        int exit = validate(seattle.toString(), "--schema", schema.toString(), "--reference", seattle.toString());

        assertThat(exit).isZero();
        assertThat(out.toString())
                .startsWith(seattle + ": 1461 rows against schema " + schema + "\n")
                .endsWith("PASSED: 0 errors, 0 warnings\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anotherLocationFailsAndExitsOne() {
        Path schema = seattleSchema();

        int exit = validate(
                weatherAt("New York").toString(),
                "--schema",
                schema.toString(),
                "--reference",
                weatherAt("Seattle").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
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

        int exit = validate(
                weatherAt("New York").toString(),
                "--schema",
                schema.toString(),
                "--training",
                weatherAt("Seattle").toString(),
                "--json");

        assertThat(exit).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(out.toString());
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

        int exit = validate(weatherAt("New York").toString(), "--schema", schema.toString(), "--html", page.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("HTML report: " + page.toAbsolutePath());
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

        int exit = validate(WEATHER.toString(), "--schema", schema.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip())
                .isEqualTo("gyre: " + schema
                        + ": columns[0].expectations[0].between.mostly: must be between 0 and 1, was 1.5");
    }

    @Test
    void theSchemaOptionIsRequired() {
        int exit = validate(WEATHER.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--schema=FILE'");
    }

    private Path weatherAt(String location) {
        Path target = dir.resolve(location.replace(' ', '_') + ".csv");
        if (Files.exists(target)) {
            return target;
        }
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
