package dev.gyre.cli.data;

import static dev.gyre.cli.data.TestData.SHARED;
import static dev.gyre.cli.data.TestData.WEATHER;
import static dev.gyre.cli.data.TestData.weatherAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.cli.output.KnownRowCount;
import dev.gyre.data.read.DatasetSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --html} and {@code --progress} of the data commands, on the shared weather and flights data. */
class HtmlAndProgressTest {

    @TempDir
    Path dir;

    @Test
    void compareWritesAReportAndKeepsJsonOnStdoutWhileShowingProgressOnStderr() throws IOException {
        Path report = dir.resolve("out/drift.html");

        CommandRun result = CommandRun.run(
                new CompareCommand(),
                weatherAt(dir, "Seattle").toString(),
                weatherAt(dir, "New York").toString(),
                "--json",
                "--progress",
                "--html",
                report.toString());

        assertThat(result.exitCode()).isEqualTo(CompareCommand.EXIT_DRIFT);
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("dataset_drift").asBoolean()).isTrue();
        assertThat(result.err())
                .contains("\rprofiling reference Seattle.csv: ")
                .contains("profiling current New_York.csv: ")
                .contains("HTML report: " + report.toAbsolutePath());
        String html = Files.readString(report);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("DATASET DRIFT").contains("<title>temp_max</title>");
        assertThat(html).doesNotContainPattern("(?i)(src|href)=\"?https?:");
        try (var files = Files.list(report.getParent())) {
            assertThat(files).containsExactly(report);
        }
    }

    @Test
    void compareExitCodeIsTheSameWithAReport() {
        CommandRun plain = CommandRun.run(new CompareCommand(), WEATHER.toString(), WEATHER.toString());
        CommandRun withHtml = CommandRun.run(
                new CompareCommand(),
                WEATHER.toString(),
                WEATHER.toString(),
                "--html",
                dir.resolve("same.html").toString());

        assertThat(withHtml.exitCode()).isEqualTo(plain.exitCode()).isZero();
        assertThat(withHtml.out()).contains("0 of 7 features drifted").contains("HTML report: ");
        assertThat(withHtml.err())
                .as("no progress when stderr is not a terminal")
                .doesNotContain("\r");
    }

    @Test
    void profileWritesItsReportAndPrintsThePath() throws IOException {
        Path report = dir.resolve("profile.html");

        CommandRun result = CommandRun.run(new ProfileCommand(), WEATHER.toString(), "--html", report.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("HTML report: " + report.toAbsolutePath());
        assertThat(Files.readString(report))
                .contains("Data profile: weather.csv")
                .contains("<title>temp_max</title>");
    }

    @Test
    void profileProgressOnAParquetFileKnowsTheRowCount() throws IOException {
        CommandRun result = CommandRun.run(
                new ProfileCommand(), SHARED.resolve("flights-3m.parquet").toString(), "--json", "--progress");

        assertThat(result.exitCode()).isZero();
        long rows = new ObjectMapper().readTree(result.out()).get("row_count").asLong();
        assertThat(result.err())
                .contains(String.format(java.util.Locale.ROOT, "%,d rows", rows))
                .contains("rows read")
                .containsPattern("pass \\d+/\\d+ \\(\\d+%\\)");
        assertThat(result.out()).doesNotContain("\r");
    }

    @Test
    void parquetRowCountComesFromMetadataAndMatchesTheData() throws SQLException {
        Path flights = SHARED.resolve("flights-3m.parquet");
        long counted;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM read_parquet('" + flights + "')")) {
            result.next();
            counted = result.getLong(1);
        }

        assertThat(KnownRowCount.of(DatasetSource.of(flights)))
                .isEqualTo(counted)
                .isPositive();
        assertThat(KnownRowCount.of(DatasetSource.of(WEATHER))).isEqualTo(-1);
    }

    @Test
    void checkLabelsWritesItsReportWithTheSameExitCode() throws IOException {
        Path report = dir.resolve("quality.html");
        CommandRun plain = CommandRun.run(new CheckLabelsCommand(), WEATHER.toString(), "--label", "weather");

        CommandRun result = CommandRun.run(
                new CheckLabelsCommand(),
                WEATHER.toString(),
                "--label",
                "weather",
                "--json",
                "--progress",
                "--html",
                report.toString());

        assertThat(result.exitCode()).isEqualTo(plain.exitCode());
        assertThat(new ObjectMapper().readTree(result.out()).get("label").asText())
                .isEqualTo("weather");
        assertThat(result.err()).contains("\rchecking weather.csv: ").contains("HTML report: ");
        assertThat(Files.readString(report)).contains("Data quality: ").contains("<h2>Class balance</h2>");
    }
}
