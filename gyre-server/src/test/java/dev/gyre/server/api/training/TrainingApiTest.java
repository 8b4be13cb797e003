package dev.gyre.server.api.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.server.GyreServer;
import dev.gyre.server.HttpJson;
import dev.gyre.server.TestServer;
import dev.gyre.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The modeling stage over real HTTP on loopback, on a real H2 store and the real Lending Club loans (target
 * {@code Class}, 5% bad): training and tuning jobs submitted, polled and recorded as MLflow runs; evaluation of the
 * registered model; and bad requests answered precisely while the server keeps serving. The server runs one job at a
 * time with no queue, so a second submission while the first runs is refused with 429. One small model is trained
 * and registered once, before the tests, which then read or evaluate it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingApiTest {

    private static final Path DATA = Path.of(System.getProperty("gyre.shared.data", "../../shared/data"))
            .toAbsolutePath()
            .normalize();
    private static final Path LENDING_CLUB = DATA.resolve("modeldata_lending_club.csv");
    private static final String API = "/api/2.0/gyre/";

    private Path temp;
    private Path root;
    private Path outside;
    private TestServer server;
    private HttpJson http;
    private HttpJson.Answer submitted;
    private HttpJson.Answer refusedWhileBusy;
    private JsonNode trained;

    @BeforeAll
    void trainTheSharedModel() throws Exception {
        temp = Files.createTempDirectory("gyre-training-api");
        root = Files.createDirectories(temp.resolve("root"));
        outside = Files.createDirectories(temp.resolve("outside"));
        server = TestServer.start(
                TestDatabases.h2Memory(),
                GyreServer.Options.loopback(0)
                        .withDataRoots(List.of(root, DATA))
                        .withTrainingJobs(new JobLimits(1, 0)));
        http = server.http();
        Path project = project(root, "credit", LENDING_CLUB, "");
        submitted = http.post(API + "training/jobs", submit(project, null));
        refusedWhileBusy = http.post(API + "training/jobs", submit(project, null));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
        trained = awaitFinished(submitted.json().path("job").path("job_id").asText());
    }

    @AfterAll
    void stop() throws IOException {
        try {
            server.close();
        } finally {
            try (Stream<Path> paths = Files.walk(temp)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aTrainJobRunsInTheBackgroundAndRecordsItsRunAndVersion() {
        JsonNode pending = submitted.json().path("job");
        assertThat(pending.path("status").asText()).isEqualTo("PENDING");
        assertThat(pending.path("mode").asText()).isEqualTo("train");
        assertThat(pending.path("project").asText()).endsWith("/credit/gyre.yaml");
        assertThat(pending.path("started_time").isNull()).isTrue();

        assertThat(trained.path("status").asText()).as(trained.toString()).isEqualTo("SUCCEEDED");
        assertThat(trained.path("started_time").asLong())
                .isGreaterThanOrEqualTo(trained.path("created_time").asLong());
        assertThat(trained.path("finished_time").asLong())
                .isGreaterThanOrEqualTo(trained.path("started_time").asLong());
        assertThat(trained.path("steps").size()).isBetween(2, JobRecord.MAX_STEPS);
        assertThat(trained.path("steps").get(0).asText()).startsWith("reading ");
        assertThat(trained.has("error")).isFalse();
        JsonNode outcome = trained.path("outcome");
        assertThat(outcome.path("gate_passed").asBoolean()).isTrue();
        assertThat(outcome.path("reasons").get(0).asText()).startsWith("auc ");
        assertThat(outcome.path("registered_version").asLong()).isEqualTo(1);
        assertThat(outcome.path("alias").asText()).isEqualTo("challenger");
        assertThat(outcome.path("evaluated_on").asText()).isEqualTo("test");
        assertThat(outcome.path("metrics").path("auc").asDouble()).isBetween(0.6, 1.0);
        assertThat(outcome.path("model_uri").asText())
                .startsWith("mlflow-artifacts:/")
                .endsWith("/model");
        assertThat(outcome.has("tuning")).isFalse();

        String runId = outcome.path("run_id").asText();
        HttpJson.Answer run = http.get("/api/2.0/mlflow/runs/get?run_id=" + runId);
        assertThat(run.status()).as(run.text()).isEqualTo(200);
        assertThat(run.json().path("run").path("info").path("status").asText()).isEqualTo("FINISHED");
        assertThat(run.json().path("run").path("info").path("experiment_id").asText())
                .isEqualTo(outcome.path("experiment_id").asText());
        HttpJson.Answer version = http.get("/api/2.0/mlflow/registered-models/alias?name=credit&alias=challenger");
        assertThat(version.json().path("model_version").path("run_id").asText()).isEqualTo(runId);
        assertThat(run.json().toString()).contains("\"mlflow.user\"", "\"gyre-server\"");
    }

    @Test
    void aSubmissionBeyondTheQueueIsRefusedWith429() {
        assertThat(refusedWhileBusy.status()).as(refusedWhileBusy.text()).isEqualTo(429);
        assertThat(refusedWhileBusy.errorCode()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(refusedWhileBusy.json().path("message").asText())
                .startsWith("The server already holds 1 unfinished training jobs (1 running, 0 waiting)");
    }

    @Test
    void jobsAreListedNewestFirstAndFoundById() {
        String id = trained.path("job_id").asText();
        HttpJson.Answer got = http.get(API + "training/jobs/get?job_id=" + id);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().path("job")).isEqualTo(trained);

        JsonNode jobs = http.get(API + "training/jobs/list").json().path("jobs");
        assertThat(jobs.size()).isPositive();
        assertThat(jobs.findValuesAsText("job_id")).contains(id);
        List<Long> created =
                jobs.findValues("created_time").stream().map(JsonNode::asLong).toList();
        assertThat(created).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(http.get(API + "training/jobs/list?max_results=1")
                        .json()
                        .path("jobs")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void unknownJobsAndBadListingsAreAnsweredPrecisely() {
        HttpJson.Answer unknown = http.get(API + "training/jobs/get?job_id=nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(unknown.json().path("message").asText()).startsWith("Training job 'nope' does not exist.");

        assertInvalid(http.get(API + "training/jobs/get"), "Missing value for required parameter 'job_id'.");
        assertInvalid(
                http.get(API + "training/jobs/list?max_results=101"),
                "'max_results' must be between 1 and 100, was 101");
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    @Test
    void aBadProjectFileIsRefusedWithItsLineNumberedProblemsAndNoJob() throws Exception {
        Path file = Files.createDirectories(root.resolve("typo")).resolve("gyre.yaml");
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
        int before = http.get(API + "training/jobs/list").json().path("jobs").size();

        HttpJson.Answer answer = http.post(API + "training/jobs", submit(file, null));

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(answer.json().path("message").asText())
                .contains("gyre.yaml line 4: unknown key 'targest' (did you mean 'targets'?)")
                .contains("gyre.yaml line 8: model.rounds: 0 is below the minimum 1");
        assertThat(http.get(API + "training/jobs/list").json().path("jobs").size())
                .isEqualTo(before);
    }

    @Test
    void projectsAndDataOutsideTheDataRootsAreRefused() throws Exception {
        Path outsideProject = project(outside, "elsewhere", LENDING_CLUB, "");
        assertDenied(http.post(API + "training/jobs", submit(outsideProject, null)), outsideProject);

        Path stolen = outside.resolve("loans.csv");
        Files.copy(LENDING_CLUB, stolen);
        Path readsOutside = project(root, "reads-outside", stolen, "");
        assertDenied(http.post(API + "training/jobs", submit(readsOutside, null)), stolen);

        Path escape = Files.createSymbolicLink(root.resolve("escape.csv"), stolen);
        assertDenied(http.post(API + "training/jobs", submit(project(root, "escapes", escape, ""), null)), escape);
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    @Test
    void malformedSubmissionsAreRefusedPrecisely() throws Exception {
        Path credit = root.resolve("credit/gyre.yaml");
        assertInvalid(
                http.post(API + "training/jobs", "{\"project\": \"credit/gyre.yaml\"}"),
                "'project' must be absolute (it is read on the server), got 'credit/gyre.yaml'");
        assertInvalid(
                http.post(API + "training/jobs", submit(root.resolve("missing.yaml"), null)),
                "no such file or folder: " + root.resolve("missing.yaml"));
        assertInvalid(
                http.post(API + "training/jobs", submit(root.resolve("credit"), null)),
                "'project' must name the project file, not a folder: "
                        + root.toRealPath().resolve("credit"));
        assertInvalid(
                http.post(API + "training/jobs", submit(credit, "fit")),
                "'mode' must be \"train\" or \"tune\", was \"fit\"");
        assertInvalid(
                http.post(API + "training/jobs", submit(credit, "tune")),
                credit.toRealPath() + " has no tuning: section");
        assertInvalid(http.post(API + "training/jobs", "{}"), "Missing value for required parameter 'project'.");
        assertInvalid(
                http.post(API + "training/jobs", "{\"project\": 7}"),
                "Invalid value 7 for parameter 'project' supplied: expected a string");
        assertInvalid(
                http.post(API + "training/jobs", "{\"project\": \"/x\", \"rounds\": 3}"),
                "Invalid request: unknown parameter 'rounds'. Supported parameters are: actor, mode, project.");
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    @Test
    void aTuneJobSearchesThenTrainsWithTheBestTrial() throws Exception {
        Path project = project(root, "credit-tune", LENDING_CLUB, """
                tuning:
                  method: random
                  trials: 2
                  space:
                    max_depth: {int: [2, 4]}
                    eta: {log_uniform: [0.1, 0.3]}
                """);
        ObjectNode body = (ObjectNode) HttpJson.mapper().readTree(submit(project, "tune"));
        body.put("actor", "alice");

        HttpJson.Answer answer = http.post(API + "training/jobs", body.toString());

        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        JsonNode job = awaitFinished(answer.json().path("job").path("job_id").asText());
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("mode").asText()).isEqualTo("tune");
        JsonNode tuning = job.path("outcome").path("tuning");
        assertThat(tuning.path("method").asText()).isEqualTo("random");
        assertThat(tuning.path("trials").asInt()).isEqualTo(2);
        assertThat(tuning.path("failed_trials").asInt()).isZero();
        assertThat(tuning.has("best_trial")).isTrue();
        assertThat(tuning.path("best_params").path("max_depth").asInt()).isBetween(2, 4);
        String runId = job.path("outcome").path("run_id").asText();
        JsonNode run = http.get("/api/2.0/mlflow/runs/get?run_id=" + runId).json();
        assertThat(run.toString()).contains("\"alice\"");
    }

    @Test
    void theRegisteredChallengerIsEvaluatedAsJson() {
        ObjectNode body = evaluate("models:/credit@challenger");
        body.putObject("data").put("path", LENDING_CLUB.toString());

        HttpJson.Answer answer = http.post(API + "models/evaluate", body.toString());

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.path("model").asText()).isEqualTo("models:/credit@challenger (version 1)");
        assertThat(json.path("gate_passed").asBoolean()).isTrue();
        assertThat(json.path("reasons").get(0).asText()).startsWith("auc ");
        JsonNode evaluation = json.path("evaluation");
        assertThat(evaluation.path("rows").asInt()).isEqualTo(9857);
        assertThat(evaluation.path("metrics").path("auc").asDouble()).isBetween(0.6, 1.0);
        assertThat(evaluation.path("gate").isObject()).isTrue();
        assertThat(evaluation.path("comparison").toString()).contains("at_training");
    }

    @Test
    void aRegisteredDatasetIsEvaluatedAsAnHtmlReport() {
        ObjectNode register = HttpJson.mapper().createObjectNode().put("name", "loans");
        register.put("path", LENDING_CLUB.toString());
        assertThat(http.post(API + "datasets/register", register.toString()).status())
                .isEqualTo(200);
        ObjectNode body = evaluate("models:/credit/1");
        body.putObject("data").put("dataset", "loans").put("version", 1);
        body.put("report", "html");

        HttpJson.Answer answer = http.post(API + "models/evaluate", body.toString());

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/html");
        assertThat(answer.text()).contains("<html", "credit", "datasets:/loans/1");
    }

    @Test
    void evaluatingDataWithoutAModelColumnNamesIt() throws Exception {
        Path data = root.resolve("no-rate.csv");
        String sql = "COPY (SELECT * EXCLUDE (int_rate) FROM read_csv_auto('" + LENDING_CLUB + "')) TO '" + data
                + "' (HEADER)";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        ObjectNode body = evaluate("models:/credit/1");
        body.putObject("data").put("path", data.toString());

        HttpJson.Answer answer = http.post(API + "models/evaluate", body.toString());

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.json().path("message").asText())
                .startsWith("data " + data.toRealPath() + " cannot be scored by models:/credit/1: missing column"
                        + " 'int_rate'");
    }

    @Test
    void badEvaluationRequestsAreRefusedPrecisely() throws Exception {
        ObjectNode folder = evaluate(root.toString());
        folder.putObject("data").put("path", LENDING_CLUB.toString());
        assertInvalid(
                http.post(API + "models/evaluate", folder.toString()),
                "'model' must be a registered model, models:/NAME/VERSION or models:/NAME@ALIAS, was '" + root + "'");

        ObjectNode compare = evaluate("models:/credit/1");
        compare.putObject("data").put("path", LENDING_CLUB.toString());
        compare.putArray("compare").add("models:/credit/1").add("/tmp/model");
        assertInvalid(http.post(API + "models/evaluate", compare.toString()), "'compare[1]' must be a registered");

        ObjectNode both = evaluate("models:/credit/1");
        both.putObject("data").put("path", LENDING_CLUB.toString()).put("dataset", "loans");
        assertInvalid(http.post(API + "models/evaluate", both.toString()), "'data' needs exactly one of 'path'");

        ObjectNode unknownField = evaluate("models:/credit/1");
        unknownField.putObject("data").put("path", LENDING_CLUB.toString()).put("format", "csv");
        assertInvalid(
                http.post(API + "models/evaluate", unknownField.toString()),
                "Invalid request: unknown parameter 'data.format'.");

        assertInvalid(
                http.post(API + "models/evaluate", evaluate("models:/credit/1").toString()),
                "Missing value for required parameter 'data'.");

        Path stolen = outside.resolve("evaluate.csv");
        Files.copy(LENDING_CLUB, stolen);
        ObjectNode outsideData = evaluate("models:/credit/1");
        outsideData.putObject("data").put("path", stolen.toString());
        assertDenied(http.post(API + "models/evaluate", outsideData.toString()), stolen);

        ObjectNode missingModel = evaluate("models:/credit/9");
        missingModel.putObject("data").put("path", LENDING_CLUB.toString());
        assertThat(http.post(API + "models/evaluate", missingModel.toString()).status())
                .isEqualTo(404);
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    // ---- helpers

    /** A small, quick binary project on the loans (30 rounds), as {@code gyre.yaml} in a folder of its own. */
    private static Path project(Path parent, String name, Path data, String extra) throws IOException {
        Path file = Files.createDirectories(parent.resolve(name)).resolve("gyre.yaml");
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
                  quality: ["auc >= 0.6"]
                %s""".formatted(name, data, extra));
    }

    private static String submit(Path project, String mode) {
        ObjectNode body = HttpJson.mapper().createObjectNode().put("project", project.toString());
        if (mode != null) {
            body.put("mode", mode);
        }
        return body.toString();
    }

    private static ObjectNode evaluate(String model) {
        return HttpJson.mapper().createObjectNode().put("model", model);
    }

    /** Polls the job until it has finished, for at most four minutes. */
    private JsonNode awaitFinished(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + 240_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpJson.Answer answer = http.get(API + "training/jobs/get?job_id=" + jobId);
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            JsonNode job = answer.json().path("job");
            String status = job.path("status").asText();
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("training job " + jobId + " did not finish in 4 minutes");
    }

    private static void assertInvalid(HttpJson.Answer answer, String messageStart) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(answer.json().path("message").asText()).startsWith(messageStart);
    }

    private void assertDenied(HttpJson.Answer answer, Path requested) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(403);
        assertThat(answer.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(answer.json().path("message").asText())
                .startsWith(
                        "Reading " + requested + " is not allowed: the server reads data only under its data roots");
    }
}
