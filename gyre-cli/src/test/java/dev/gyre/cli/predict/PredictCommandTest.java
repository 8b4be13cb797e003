package dev.gyre.cli.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gyre.cli.CliContext;
import dev.gyre.cli.GyreCli;
import dev.gyre.cli.OneLineErrors;
import dev.gyre.cli.StopSignal;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.DatasetSource;
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
import java.sql.ResultSetMetaData;
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
 * {@code gyre predict} on a real model and real data: a small binary model trained by {@code gyre train} on the
 * Lending Club loans (target {@code Class}) and registered as {@code models:/credit@challenger}, scoring the first
 * {@value #ROWS} loans from CSV and Parquet. Every score is checked against {@link ModelPackage#predict} of the same
 * package on the same rows, and every input column against the input, read back with DuckDB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictCommandTest {

    private static final int ROWS = 600;
    private static final Path LENDING_CLUB = Path.of(System.getProperty("gyre.shared.data"))
            .resolve("modeldata_lending_club.csv")
            .toAbsolutePath()
            .normalize();

    private static final StopSignal NEVER_STOPS = new StopSignal() {
        @Override
        public void awaitStop() {}

        @Override
        public void stopped() {}
    };

    /** What one invocation printed and returned. */
    private record Run(int exitCode, String out, String err) {}

    private Path dir;
    private CliContext context;
    private Path packageFolder;
    private Path csv;
    private Path parquet;
    private double[] probabilities;
    private String[] labels;

    @BeforeAll
    void trainAModelAndPrepareTheData(@TempDir Path folder) throws Exception {
        dir = folder;
        context = new CliContext(Map.of("GYRE_HOME", dir.resolve("home").toString()), dir, "tester", NEVER_STOPS);
        Path project = Files.createDirectories(dir.resolve("credit")).resolve("gyre.yaml");
        Files.writeString(project, """
                name: credit
                task: binary
                target: Class
                positive_class: bad
                data:
                  train: %s
                split: {method: random, seed: 7, validation: 0.2, test: 0.2}
                model:
                  rounds: 10
                  early_stopping_rounds: 5
                  params: {max_depth: 3, eta: 0.3}
                baselines: [majority]
                targets:
                  quality: ["auc >= 0.5"]
                """.formatted(LENDING_CLUB));
        Run trained = train(project);
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        Matcher uri =
                Pattern.compile("as @challenger \\((mlflow-artifacts:[^)]+)\\)").matcher(trained.out());
        assertThat(uri.find()).as(trained.out()).isTrue();
        packageFolder = dir.resolve("home/artifacts").resolve(ArtifactPaths.proxiedRoot(uri.group(1)));

        csv = loans("loans.csv", "*", "(HEADER)");
        parquet = loans("loans.parquet", "*", "(FORMAT parquet)");

        try (ModelPackage model = ModelPackage.load(packageFolder);
                DatasetReader reader = DatasetReader.open(DatasetSource.of(csv))) {
            List<String> inputs = model.manifest().signature().inputs().stream()
                    .map(Signature.Field::name)
                    .toList();
            Predictions predictions = model.predict(FrameReader.read(reader, inputs));
            probabilities = new double[predictions.rows()];
            for (int row = 0; row < probabilities.length; row++) {
                probabilities[row] = predictions.scores().probability(row);
            }
            labels = predictions.labels();
        }
        assertThat(probabilities).hasSize(ROWS);
    }

    @Test
    void csvInParquetOutHasTheInputColumnsAndThePackagesScores() throws Exception {
        Path output = dir.resolve("csv-to-parquet/scored.parquet");

        Run run = predict(
                "--model", "models:/credit@challenger", "--input", csv.toString(), "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("Scored 600 rows in ")
                .contains(" rows/s) with models:/credit@challenger (version 1): " + output)
                .hasLineCount(1);
        assertScored(output, "read_parquet", csv, "read_csv");
    }

    @Test
    void parquetInCsvOutInSmallBatchesFromAPackageFolder() throws Exception {
        Path output = dir.resolve("parquet-to-csv/scored.csv");

        Run run = predict(
                "--model",
                packageFolder.toString(),
                "--input",
                parquet.toString(),
                "--output",
                output.toString(),
                "--batch-size",
                "7");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Scored 600 rows in ").contains("(version 1): " + output);
        assertScored(output, "read_csv", parquet, "read_parquet");
    }

    @Test
    void batchesSmallerThanTheFileGiveTheSameResultAsOneBatch() throws Exception {
        Path small = dir.resolve("batches/small.parquet");
        Path whole = dir.resolve("batches/whole.parquet");
        Path parallel = dir.resolve("batches/parallel.parquet");

        Run smallRun = predict(
                "--model",
                "models:/credit/1",
                "--input",
                csv.toString(),
                "--output",
                small.toString(),
                "--batch-size",
                "7",
                "--threads",
                "1");
        Run wholeRun = predict(
                "--model",
                "models:/credit/1",
                "--input",
                csv.toString(),
                "--output",
                whole.toString(),
                "--batch-size",
                "100000",
                "--threads",
                "1");
        Run parallelRun = predict(
                "--model",
                "models:/credit/1",
                "--input",
                csv.toString(),
                "--output",
                parallel.toString(),
                "--batch-size",
                "100000",
                "--threads",
                "4",
                "--progress");

        assertThat(smallRun.exitCode()).as(smallRun.err()).isZero();
        assertThat(wholeRun.exitCode()).as(wholeRun.err()).isZero();
        assertThat(parallelRun.exitCode()).as(parallelRun.err()).isZero();
        List<List<Object>> expected = rows("SELECT * FROM read_parquet('" + whole + "')");
        assertThat(expected).hasSize(ROWS);
        assertThat(rows("SELECT * FROM read_parquet('" + small + "')")).isEqualTo(expected);
        assertThat(rows("SELECT * FROM read_parquet('" + parallel + "')")).isEqualTo(expected);
    }

    @Test
    void missingColumnsAreNamedWithTheModelsInputsAndNothingIsWritten() throws Exception {
        Path data = loans("no-rate.csv", "* EXCLUDE (int_rate, term)", "(HEADER)");
        Path output = dir.resolve("missing/scored.parquet");

        Run run = predict(
                "--model", "models:/credit@challenger", "--input", data.toString(), "--output", output.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("gyre: " + data + " cannot be scored by models:/credit@challenger: missing columns"
                        + " 'term' (string), 'int_rate' (numeric); the model takes 22 inputs: funded_amnt (numeric),"
                        + " term (string), int_rate (numeric), ")
                .doesNotContain("\tat ");
        assertThat(output).doesNotExist();
        assertThat(output.getParent()).doesNotExist();
    }

    @Test
    void anUnknownModelFailsClearlyAndWritesNothing() {
        Path output = dir.resolve("bad-model/scored.parquet");

        Run registered =
                predict("--model", "models:/nope@champion", "--input", csv.toString(), "--output", output.toString());
        Run local = predict(
                "--model",
                dir.resolve("no-such-model").toString(),
                "--input",
                csv.toString(),
                "--output",
                output.toString());
        Run malformed = predict("--model", "models:/credit", "--input", csv.toString(), "--output", output.toString());

        assertThat(registered.exitCode()).isEqualTo(1);
        assertThat(registered.err())
                .startsWith("gyre: cannot load models:/nope@champion: ")
                .doesNotContain("\tat ");
        assertThat(local.exitCode()).isEqualTo(1);
        assertThat(local.err()).startsWith("gyre: model source ").contains("does not exist");
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.err()).contains("is not a model reference");
        assertThat(output).doesNotExist();
    }

    @Test
    void anInvalidValueFailsWithItsRowAndLeavesNoOutput() throws Exception {
        Path data = loans(
                "bad-rate.csv",
                "* REPLACE (CASE WHEN rowid = 449 THEN 'abc' ELSE CAST(int_rate AS VARCHAR) END" + " AS int_rate)",
                "(HEADER)");
        Path folder = Files.createDirectories(dir.resolve("bad-value"));
        Path output = folder.resolve("scored.parquet");

        Run run = predict(
                "--model",
                "models:/credit@challenger",
                "--input",
                data.toString(),
                "--output",
                output.toString(),
                "--batch-size",
                "100");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("gyre: " + data + " row 450: column 'int_rate' 'abc' is not a number");
        assertThat(output).doesNotExist();
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFailedRunLeavesAnEarlierOutputAsItWas() throws Exception {
        Path output = dir.resolve("kept/scored.csv");
        Files.createDirectories(output.getParent());
        Files.writeString(output, "earlier\n");
        Path data = loans("no-grade.csv", "* EXCLUDE (sub_grade)", "(HEADER)");

        Run run = predict("--model", "models:/credit/1", "--input", data.toString(), "--output", output.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("missing column 'sub_grade' (string)");
        assertThat(Files.readString(output)).isEqualTo("earlier\n");
    }

    @Test
    void anOutputThatIsNeitherParquetNorCsvIsRefusedBeforeLoading() {
        Run run = predict(
                "--model",
                "models:/nope/1",
                "--input",
                csv.toString(),
                "--output",
                dir.resolve("x.json").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("write a file ending in .parquet (Parquet) or .csv");
    }

    @Test
    void theModelAndInputAndOutputAreRequired() {
        Run run = predict("--input", csv.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("Missing required options")
                .contains("--model")
                .contains("--output");
    }

    /**
     * Checks {@code output}: the input's columns with the input's values, row by row, then {@code probability} and
     * {@code label} equal to the package's own predictions.
     */
    private void assertScored(Path output, String outputReader, Path input, String inputReader) throws Exception {
        assertThat(output).exists();
        try (Stream<Path> siblings = Files.list(output.getParent())) {
            assertThat(siblings).containsExactly(output);
        }
        String scored = outputReader + "('" + output + "')";
        List<String> columns = columnNames("SELECT * FROM " + scored);
        List<String> inputColumns = columnNames("SELECT * FROM " + inputReader + "('" + input + "')");
        List<String> expectedColumns = new ArrayList<>(inputColumns);
        expectedColumns.addAll(List.of("probability", "label"));
        assertThat(columns).isEqualTo(expectedColumns);

        assertThat(rows("SELECT * EXCLUDE (probability, label) FROM " + scored))
                .isEqualTo(rows("SELECT * FROM " + inputReader + "('" + input + "')"));
        List<List<Object>> outputs = rows("SELECT probability, label FROM " + scored);
        assertThat(outputs).hasSize(ROWS);
        for (int row = 0; row < ROWS; row++) {
            assertThat(((Number) outputs.get(row).get(0)).doubleValue())
                    .as("probability of row %d", row)
                    .isCloseTo(probabilities[row], within(1e-12));
            assertThat(outputs.get(row).get(1)).as("label of row %d", row).isEqualTo(labels[row]);
        }
        assertThat(labels).contains("good");
    }

    private Run predict(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new PredictCommand(context));
        line.setExecutionExceptionHandler(new OneLineErrors());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exitCode = line.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private Run train(Path project) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GyreCli.create(context);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute("train", project.toString(), "--quiet");
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** The first {@value #ROWS} loans as {@code SELECT <select>}, written as {@code name} with COPY options. */
    private Path loans(String name, String select, String options) throws SQLException {
        Path target = dir.resolve("data").resolve(name);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE loans AS SELECT * FROM read_csv_auto('" + LENDING_CLUB + "') LIMIT " + ROWS);
            try {
                Files.createDirectories(target.getParent());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            statement.execute("COPY (SELECT " + select + " FROM loans) TO '" + target + "' " + options);
        }
        return target;
    }

    private static List<String> columnNames(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData metadata = result.getMetaData();
            List<String> names = new ArrayList<>();
            for (int c = 1; c <= metadata.getColumnCount(); c++) {
                names.add(metadata.getColumnName(c));
            }
            return names;
        }
    }

    /** Every row of {@code sql}'s result, in order, as Java objects. */
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
