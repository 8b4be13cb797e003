package dev.gyre.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.cli.OneLineErrors;
import dev.gyre.cli.output.KnownRowCount;
import dev.gyre.data.read.DatasetSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --html} and {@code --progress} of the data commands, on the shared weather and flights data. */
class HtmlAndProgressTest {

    private static final Path DATA =
            Path.of(System.getProperty("gyre.shared.data")).toAbsolutePath().normalize();
    private static final Path WEATHER = DATA.resolve("weather.csv");

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(Callable<Integer> command, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine line = new CommandLine(command);
        line.setExecutionExceptionHandler(new OneLineErrors());
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        return line.execute(args);
    }

    @Test
    void compareWritesAReportAndKeepsJsonOnStdoutWhileShowingProgressOnStderr() throws IOException {
        Path report = dir.resolve("out/drift.html");

        int exit = run(
                new CompareCommand(),
                weatherAt("Seattle").toString(),
                weatherAt("New York").toString(),
                "--json",
                "--progress",
                "--html",
                report.toString());

        assertThat(exit).isEqualTo(CompareCommand.EXIT_DRIFT);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("dataset_drift").asBoolean()).isTrue();
        assertThat(err.toString())
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
        int plain = run(new CompareCommand(), WEATHER.toString(), WEATHER.toString());
        int withHtml = run(
                new CompareCommand(),
                WEATHER.toString(),
                WEATHER.toString(),
                "--html",
                dir.resolve("same.html").toString());

        assertThat(withHtml).isEqualTo(plain).isZero();
        assertThat(out.toString()).contains("0 of 7 features drifted").contains("HTML report: ");
        assertThat(err.toString())
                .as("no progress when stderr is not a terminal")
                .doesNotContain("\r");
    }

    @Test
    void profileWritesItsReportAndPrintsThePath() throws IOException {
        Path report = dir.resolve("profile.html");

        int exit = run(new ProfileCommand(), WEATHER.toString(), "--html", report.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("HTML report: " + report.toAbsolutePath());
        assertThat(Files.readString(report))
                .contains("Data profile: weather.csv")
                .contains("<title>temp_max</title>");
    }

    @Test
    void profileProgressOnAParquetFileKnowsTheRowCount() throws IOException {
        int exit = run(new ProfileCommand(), DATA.resolve("flights-3m.parquet").toString(), "--json", "--progress");

        assertThat(exit).isZero();
        long rows = new ObjectMapper().readTree(out.toString()).get("row_count").asLong();
        assertThat(err.toString())
                .contains(String.format(java.util.Locale.ROOT, "%,d rows", rows))
                .contains("rows read")
                .containsPattern("pass \\d+/\\d+ \\(\\d+%\\)");
        assertThat(out.toString()).doesNotContain("\r");
    }

    @Test
    void parquetRowCountComesFromMetadataAndMatchesTheData() throws SQLException {
        Path flights = DATA.resolve("flights-3m.parquet");
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
        int plain = run(new CheckLabelsCommand(), WEATHER.toString(), "--label", "weather");

        int exit = run(
                new CheckLabelsCommand(),
                WEATHER.toString(),
                "--label",
                "weather",
                "--json",
                "--progress",
                "--html",
                report.toString());

        assertThat(exit).isEqualTo(plain);
        assertThat(new ObjectMapper().readTree(out.toString()).get("label").asText())
                .isEqualTo("weather");
        assertThat(err.toString()).contains("\rchecking weather.csv: ").contains("HTML report: ");
        assertThat(Files.readString(report)).contains("Data quality: ").contains("<h2>Class balance</h2>");
    }

    private Path weatherAt(String location) {
        Path target = dir.resolve(location.replace(' ', '_') + ".csv");
        String sql = "COPY (SELECT * FROM read_csv_auto('" + WEATHER + "') WHERE location = '" + location + "') TO '"
                + target + "' (HEADER)";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return target;
    }
}
