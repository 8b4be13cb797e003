package dev.gyre.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.cli.CliContext;
import dev.gyre.cli.GyreCli;
import dev.gyre.cli.StopSignal;
import dev.gyre.store.artifact.ArtifactPaths;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gyre train} and {@code gyre evaluate} as a user runs them — in-process through {@link GyreCli}, on the
 * embedded store under a temporary {@code GYRE_HOME}, on the real Lending Club loans (target {@code Class}, 5% bad).
 * One small model is trained and registered once; the other tests train their own or evaluate that one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainAndEvaluateCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LENDING_CLUB = Path.of(System.getProperty("gyre.shared.data"))
            .resolve("modeldata_lending_club.csv")
            .toAbsolutePath()
            .normalize();

    /** The commands here never wait for a stop. */
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
    private Run trained;

    @BeforeAll
    void trainTheSharedModel(@TempDir Path folder) throws Exception {
        dir = folder;
        context = new CliContext(Map.of("GYRE_HOME", dir.resolve("home").toString()), dir, "tester", NEVER_STOPS);
        trained = gyre("train", project("credit", "\"auc >= 0.6\"").toString());
    }

    private Run gyre(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GyreCli.create(context);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** A small, quick binary project on the loans, in a folder of its own, as {@code gyre.yaml}. */
    private Path project(String name, String targets) throws Exception {
        Path file = Files.createDirectories(dir.resolve(name)).resolve("gyre.yaml");
        return Files.writeString(file, """
                name: %s
                task: binary
                target: Class
                positive_class: bad
                data:
                  train: %s
                split: {method: random, seed: 7, validation: 0.2, test: 0.2}
                model:
                  rounds: 30
                  early_stopping_rounds: 10
                  params: {max_depth: 3, eta: 0.2}
                baselines: [majority]
                targets:
                  quality: [%s]
                """.formatted(name, LENDING_CLUB, targets));
    }

    /** The loans as {@code SELECT <select> FROM loans}, written as a CSV named {@code name}. */
    private Path loans(String name, String select) throws Exception {
        Path target = dir.resolve(name);
        String sql =
                "COPY (SELECT " + select + " FROM read_csv_auto('" + LENDING_CLUB + "')) TO '" + target + "' (HEADER)";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        return target;
    }

    /** The package folder of the shared model, from the model URI {@code gyre train} printed. */
    private Path packageFolder() {
        Matcher uri =
                Pattern.compile("as @challenger \\((mlflow-artifacts:[^)]+)\\)").matcher(trained.out());
        assertThat(uri.find()).as(trained.out()).isTrue();
        return dir.resolve("home/artifacts").resolve(ArtifactPaths.proxiedRoot(uri.group(1)));
    }

    @Test
    void aModelThatMeetsItsTargetsIsRegisteredAsChallenger() {
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        assertThat(trained.out())
                .contains("METRIC", "MODEL", "baseline:majority")
                .contains("Gate passed:\n  auc ")
                .contains("Registered version 1 as @challenger");
        assertThat(trained.err()).contains("gyre train: training xgboost");
    }

    @Test
    void aModelThatCannotMeetItsTargetsFailsTheGateWithExitCode1() throws Exception {
        Run run = gyre("train", project("credit-strict", "\"auc >= 0.99\"").toString(), "--quiet");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("Gate FAILED:\n  auc ").contains(" < target 0.99", "Not registered.");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void trainingPrintsJsonWhenAsked() throws Exception {
        Run run = gyre("train", project("credit-json", "\"auc >= 0.6\"").toString(), "--json", "--quiet");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.path("run_id").asText()).isNotBlank();
        assertThat(json.path("metrics").path("auc").isNumber()).isTrue();
        assertThat(json.path("gate_passed").asBoolean()).isTrue();
        assertThat(json.path("registered_version").asLong()).isEqualTo(1);
        assertThat(json.path("alias").asText()).isEqualTo("challenger");
    }

    @Test
    void aProjectFileErrorIsPrintedWithItsLineAndNoStackTrace() throws Exception {
        Path file = Files.createDirectories(dir.resolve("typo")).resolve("gyre.yaml");
        Files.writeString(file, """
                name: typo
                task: binary
                target: Class
                targest: {quality: ["auc >= 0.6"]}
                data:
                  train: %s
                model:
                  rounds: 0
                """.formatted(LENDING_CLUB));

        Run run = gyre("train", file.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err())
                .contains("gyre.yaml line 4: unknown key 'targest' (did you mean 'targets'?)")
                .contains("gyre.yaml line 8: model.rounds: 0 is below the minimum 1")
                .doesNotContain("\tat ", "Exception", "--verbose");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void evaluatingTheChallengerWritesTheReportAndPrintsTheTable() throws Exception {
        Path out = dir.resolve("evaluated");

        Run run = gyre(
                "evaluate", "models:/credit@challenger", LENDING_CLUB.toString(), "--out", out.toString(), "--quiet");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("Evaluated models:/credit@challenger (version 1) on " + LENDING_CLUB + " (9857 rows):")
                .contains("METRIC", "MODEL", "at_training", "auc", "log_loss")
                .contains("Gate passed:\n  auc ")
                .contains("Report: " + out.resolve("report.html"));
        assertThat(Files.readString(out.resolve("report.html"))).contains("<html", "credit");
        JsonNode evaluation = JSON.readTree(out.resolve("evaluation.json").toFile());
        assertThat(evaluation.path("rows").asInt()).isEqualTo(9857);
        assertThat(evaluation.path("metrics").path("auc").asDouble()).isBetween(0.6, 1.0);
        assertThat(evaluation.path("gate").isObject()).isTrue();
    }

    @Test
    void evaluatingDataWithoutARequiredColumnSaysWhichAndWritesNothing() throws Exception {
        Path data = loans("no-rate.csv", "* EXCLUDE (int_rate)");
        Path out = dir.resolve("not-written");

        Run run = gyre("evaluate", "models:/credit/1", data.toString(), "--out", out.toString(), "--quiet");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("gyre: data " + data + " cannot be scored by models:/credit/1: missing column 'int_rate'"
                        + " (numeric)")
                .doesNotContain("\tat ");
        assertThat(out).doesNotExist();
    }

    @Test
    void aLocalPackageFolderIsEvaluatedBesideACompareModel() throws Exception {
        Path folder = packageFolder();
        Path out = dir.resolve("folder-evaluated");

        Run run = gyre(
                "evaluate",
                folder.toString(),
                LENDING_CLUB.toString(),
                "--compare",
                "models:/credit/1",
                "--out",
                out.toString(),
                "--json",
                "--quiet");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.path("model").asText()).isEqualTo(folder.toString());
        assertThat(json.path("gate_passed").asBoolean()).isTrue();
        assertThat(json.path("rows").asInt()).isEqualTo(9857);
        // the same package as version 1: the same numbers on the same rows
        assertThat(json.path("comparison").path("models:/credit/1").path("auc").asDouble())
                .isEqualTo(json.path("metrics").path("auc").asDouble());
        assertThat(json.path("comparison").has("at_training")).isTrue();
        assertThat(json.path("report").asText())
                .isEqualTo(out.resolve("report.html").toString());
        assertThat(out.resolve("evaluation.json")).exists();
    }
}
