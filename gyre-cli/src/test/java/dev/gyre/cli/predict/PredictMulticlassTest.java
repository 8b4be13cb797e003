package dev.gyre.cli.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gyre.cli.CliContext;
import dev.gyre.cli.GyreCli;
import dev.gyre.cli.OneLineErrors;
import dev.gyre.cli.StopSignal;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.model.features.FeatureMatrix;
import dev.gyre.model.frame.ValueKind;
import dev.gyre.model.pack.ModelPackage;
import dev.gyre.model.pack.Predictions;
import dev.gyre.model.pack.Signature;
import dev.gyre.store.artifact.ArtifactPaths;
import dev.gyre.train.data.FrameReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gyre predict} with a multiclass package that takes a timestamp: a small model trained by {@code gyre
 * train} on the real Seattle and New York weather (target {@code weather}, inputs location, date and four
 * measurements), scoring JSON lines and CSV whose dates arrive as DuckDB dates or as text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictMulticlassTest {

    private static final Path WEATHER = Path.of(System.getProperty("gyre.shared.data"))
            .resolve("weather.csv")
            .toAbsolutePath()
            .normalize();

    private static final StopSignal NEVER_STOPS = new StopSignal() {
        @Override
        public void awaitStop() {}

        @Override
        public void stopped() {}
    };

    private record Run(int exitCode, String out, String err) {}

    private Path dir;
    private CliContext context;
    private Path packageFolder;
    private List<String> classes;
    private double[][] probabilities;
    private String[] labels;

    @BeforeAll
    void trainAModel(@TempDir Path folder) throws Exception {
        dir = folder;
        context = new CliContext(Map.of("GYRE_HOME", dir.resolve("home").toString()), dir, "tester", NEVER_STOPS);
        Path project = Files.createDirectories(dir.resolve("weather")).resolve("gyre.yaml");
        Files.writeString(project, """
                name: weather
                task: multiclass
                target: weather
                data:
                  train: %s
                split: {method: random, seed: 7, validation: 0.2, test: 0.2}
                model:
                  rounds: 5
                  params: {max_depth: 3, eta: 0.3}
                baselines: [majority]
                targets:
                  quality: ["accuracy >= 0.1"]
                """.formatted(WEATHER));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GyreCli.create(context);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("train", project.toString(), "--quiet"))
                .as(err.toString())
                .isZero();
        Matcher uri =
                Pattern.compile("as @challenger \\((mlflow-artifacts:[^)]+)\\)").matcher(out.toString());
        assertThat(uri.find()).as(out.toString()).isTrue();
        packageFolder = dir.resolve("home/artifacts").resolve(ArtifactPaths.proxiedRoot(uri.group(1)));

        try (ModelPackage model = ModelPackage.load(packageFolder);
                DatasetReader reader = DatasetReader.open(DatasetSource.of(WEATHER))) {
            List<Signature.Field> inputs = model.manifest().signature().inputs();
            assertThat(inputs)
                    .extracting(Signature.Field::name, Signature.Field::kind)
                    .contains(
                            org.assertj.core.groups.Tuple.tuple("date", ValueKind.TIMESTAMP),
                            org.assertj.core.groups.Tuple.tuple("location", ValueKind.STRING));
            classes = model.manifest().classes();
            Predictions predictions = model.predict(FrameReader.read(
                    reader, inputs.stream().map(Signature.Field::name).toList()));
            int width = predictions.scores().width();
            probabilities = new double[predictions.rows()][width];
            for (int row = 0; row < predictions.rows(); row++) {
                for (int k = 0; k < width; k++) {
                    probabilities[row][k] = predictions.scores().values()[row * width + k];
                }
            }
            labels = predictions.labels();
        }
        assertThat(classes).hasSizeGreaterThan(2);
    }

    @Test
    void jsonLinesInParquetOutHasOneProbabilityPerClassAndTheLabel() throws Exception {
        Path json = write("weather.json", "SELECT * FROM weather", "(FORMAT json)");
        Path output = dir.resolve("json/scored.parquet");

        Run run = predict(json, output, "--batch-size", "500");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Scored 2,922 rows in ");
        assertScores("read_parquet('" + output + "')");
    }

    @Test
    void datesGivenAsTextAreReadAsTimestamps() throws Exception {
        Path csv = write(
                "text-dates.csv",
                // two formats in one column: DuckDB reads it as text
                "SELECT * REPLACE (CASE WHEN rowid % 3 = 0 THEN strftime(date, '%Y-%m-%d')"
                        + " WHEN rowid % 3 = 1 THEN strftime(date, '%Y-%m-%d') || 'T00:00:00Z'"
                        + " ELSE strftime(date, '%Y-%m-%d') || ' 01:00:00+01:00' END AS date) FROM weather",
                "(HEADER)");
        Path output = dir.resolve("text/scored.csv");

        Run run = predict(csv, output, "--batch-size", "1000", "--threads", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(columnType(csv, "date")).isEqualTo("VARCHAR");
        assertScores("read_csv('" + output + "')");
    }

    @Test
    void textThatIsNoTimestampFailsWithItsRow() throws Exception {
        Path csv = write(
                "bad-date.csv",
                "SELECT * REPLACE (CASE WHEN rowid = 2000 THEN 'yesterday' ELSE CAST(date AS VARCHAR) END AS date)"
                        + " FROM weather",
                "(HEADER)");
        Path output = dir.resolve("bad-date/scored.parquet");

        Run run = predict(csv, output, "--batch-size", "300");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("gyre: " + csv + " row 2001: column 'date' 'yesterday' is not a timestamp such as"
                        + " 2024-01-31T12:00:00Z");
        assertThat(output).doesNotExist();
        assertThat(output.getParent()).doesNotExist();
    }

    @Test
    void aBareXGBoostModelScoresItsFeatureMatrix() throws Exception {
        Path booster;
        try (Stream<Path> files = Files.list(packageFolder)) {
            booster = files.filter(file -> file.getFileName().toString().startsWith("model."))
                    .findFirst()
                    .orElseThrow();
        }
        Path features = dir.resolve("data/features.csv");
        int width;
        try (ModelPackage model = ModelPackage.load(packageFolder);
                DatasetReader reader = DatasetReader.open(DatasetSource.of(WEATHER))) {
            FeatureMatrix matrix = model.pipeline()
                    .transform(FrameReader.read(
                            reader,
                            model.manifest().signature().inputs().stream()
                                    .map(Signature.Field::name)
                                    .toList()));
            width = matrix.width();
            StringBuilder csv = new StringBuilder();
            for (int c = 0; c < width; c++) {
                csv.append(c == 0 ? "" : ",").append("f").append(c);
            }
            csv.append('\n');
            for (int row = 0; row < matrix.rows(); row++) {
                for (int c = 0; c < width; c++) {
                    float value = matrix.get(row, c);
                    csv.append(c == 0 ? "" : ",").append(Float.isNaN(value) ? "" : Float.toString(value));
                }
                csv.append('\n');
            }
            Files.writeString(features, csv);
        }
        Path output = dir.resolve("bare/scored.parquet");

        Run run = predict(booster, features, output, "--batch-size", "1000");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> columns = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            columns.add("predict_" + k);
        }
        List<List<Object>> rows =
                rows("SELECT " + String.join(", ", columns) + ", f0 FROM read_parquet('" + output + "')");
        assertThat(rows).hasSize(labels.length);
        for (int row = 0; row < rows.size(); row++) {
            for (int k = 0; k < classes.size(); k++) {
                assertThat(((Number) rows.get(row).get(k)).doubleValue())
                        .as("class %d of row %d", k, row)
                        .isCloseTo(probabilities[row][k], within(1e-6));
            }
        }

        Run narrow = predict(booster, WEATHER, dir.resolve("bare/narrow.parquet"));
        assertThat(narrow.exitCode()).isEqualTo(1);
        assertThat(narrow.err())
                .contains("the model takes one feature matrix, input 'input-0' FP32 [-1, " + width + "]")
                .contains("but it has 7 columns");
    }

    private void assertScores(String scored) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (String name : classes) {
            columns.add("\"probability(" + name + ")\"");
        }
        columns.add("label");
        List<List<Object>> rows = rows("SELECT " + String.join(", ", columns) + " FROM " + scored);
        assertThat(rows).hasSize(labels.length);
        for (int row = 0; row < rows.size(); row++) {
            for (int k = 0; k < classes.size(); k++) {
                assertThat(((Number) rows.get(row).get(k)).doubleValue())
                        .as("probability(%s) of row %d", classes.get(k), row)
                        .isCloseTo(probabilities[row][k], within(1e-12));
            }
            assertThat(rows.get(row).get(classes.size()))
                    .as("label of row %d", row)
                    .isEqualTo(labels[row]);
        }
    }

    private Run predict(Path input, Path output, String... more) {
        return predict(packageFolder, input, output, more);
    }

    private Run predict(Path model, Path input, Path output, String... more) {
        List<String> args = new ArrayList<>(
                List.of("--model", model.toString(), "--input", input.toString(), "--output", output.toString()));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new PredictCommand(context));
        line.setExecutionExceptionHandler(new OneLineErrors());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exitCode = line.execute(args.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** The weather as {@code sql} over a table {@code weather}, written as {@code name} with COPY options. */
    private Path write(String name, String sql, String options) throws Exception {
        Path target = Files.createDirectories(dir.resolve("data")).resolve(name);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE weather AS SELECT * FROM read_csv_auto('" + WEATHER + "')");
            statement.execute("COPY (" + sql + ") TO '" + target + "' " + options);
        }
        return target;
    }

    private static String columnType(Path csv, String column) throws SQLException {
        List<List<Object>> described = rows("SELECT column_type FROM (DESCRIBE SELECT * FROM read_csv('" + csv
                + "')) WHERE column_name = '" + column + "'");
        return (String) described.getFirst().getFirst();
    }

    private static List<List<Object>> rows(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int width = result.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>(width);
                for (int c = 1; c <= width; c++) {
                    row.add(result.getObject(c));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
