package dev.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.cli.client.TrackingClient;
import dev.gyre.data.register.MlflowDatasets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gyre quickstart} twice in a fresh GYRE_HOME, then everything it claims to have recorded is read back over
 * HTTP from {@code gyre server} on the same home, and through the list commands (remote and local).
 */
class QuickstartEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void recordsTheDataStageATrainedRunTheModelPackageAndTheChampion() throws Exception {
        Path home = temp.resolve("home");
        Map<String, String> env = Map.of("GYRE_HOME", home.toString());
        CliRunner cli = new CliRunner(env, temp);

        long started = System.nanoTime();
        CliRunner.Result first = cli.run("quickstart");
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        CliRunner.Result second = cli.run("quickstart", "--home", home.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        Path projectFile = home.resolve("quickstart").resolve("gyre.yaml");
        assertThat(first.out())
                .contains("Project file: " + projectFile)
                .contains("Experiment 'quickstart' (id ")
                .containsPattern("auc +0\\.9\\d+ +0\\.5000 +0\\.9\\d+")
                .contains("Gate passed:")
                .contains("Registered model 'breast-cancer' version 1 as @challenger, promoted to @champion")
                .contains("./gyre runs list --experiment-name quickstart")
                .containsPattern("Tuning: 4 trials \\(child runs\\), best trial \\d")
                .contains("./gyre tune " + projectFile);
        assertThat(second.out()).contains("Registered model 'breast-cancer' version 2 as @challenger");
        assertThat(first.out())
                .contains("Dataset 'breast-cancer' version 1 (new): ")
                .contains("398 rows")
                .containsPattern("Later data \\(171 rows, breast-cancer-later.csv\\) against the schema: PASSED")
                .containsPattern("Drift, later vs training data: \\d+ of 31 features drifted");
        assertThat(second.out()).contains("Dataset 'breast-cancer' version 1 (unchanged)");
        Path quickstart = home.resolve("quickstart");
        assertThat(Files.readString(quickstart.resolve("breast-cancer.schema.yaml")))
                .startsWith("format: gyre.schema/v1")
                .contains("name: mean radius");
        assertThat(Files.readString(quickstart.resolve("drift-report.html")))
                .startsWith("<!DOCTYPE html>")
                .contains("<svg");
        assertThat(Files.readString(projectFile)).contains("train: datasets:/breast-cancer/1");
        assertThat(firstMillis).as("quickstart duration, ms").isLessThan(60_000);

        try (BackgroundServer server = new BackgroundServer(env, temp, "--port", "0")) {
            TrackingClient client = TrackingClient.connect(server.url());
            assertThat(client.getRaw("/health").statusCode()).isEqualTo(200);

            String experimentId = client.get("experiments/get-by-name", Map.of("experiment_name", "quickstart"))
                    .path("experiment")
                    .path("experiment_id")
                    .asText();
            JsonNode runs = client.post(
                            "runs/search",
                            JSON.readTree("{\"experiment_ids\":[\"" + experimentId + "\"],\"max_results\":100,"
                                    + "\"order_by\":[\"attributes.start_time ASC\"]}"))
                    .path("runs");
            assertThat(runs).hasSize(10); // per quickstart: the tuning run and its 4 trials
            List<JsonNode> parents = new java.util.ArrayList<>();
            List<JsonNode> trials = new java.util.ArrayList<>();
            for (JsonNode run : runs) {
                (keyValues(run.path("data").path("tags")).containsKey("mlflow.parentRunId") ? trials : parents)
                        .add(run);
            }
            assertThat(parents).hasSize(2);
            assertThat(trials).hasSize(8);
            List<String> parentIds = parents.stream()
                    .map(run -> run.path("info").path("run_id").asText())
                    .toList();
            for (JsonNode trial : trials) {
                assertThat(trial.path("info").path("status").asText()).isEqualTo("FINISHED");
                assertThat(keyValues(trial.path("data").path("tags")).get("mlflow.parentRunId"))
                        .isIn(parentIds);
                assertThat(keyValues(trial.path("data").path("metrics"))).containsKey("best.validation.logloss");
            }
            JsonNode registered = client.gyreGet("datasets/get", Map.of("name", "breast-cancer"))
                    .path("dataset_version");
            assertThat(registered.path("version").asLong()).isEqualTo(1);
            assertThat(registered.path("row_count").asLong()).isEqualTo(398);
            String mlflowDigest =
                    MlflowDatasets.mlflowDigest(registered.path("digest").asText());
            for (JsonNode run : parents) {
                assertRunIsComplete(client, run, projectFile, mlflowDigest);
            }
            // the same project, data and seed give the same tuning and the same model
            assertThat(client.getArtifact(artifacts(parents.get(1)) + "/model/model.ubj"))
                    .isEqualTo(client.getArtifact(artifacts(parents.get(0)) + "/model/model.ubj"));

            JsonNode champion = client.get(
                            "registered-models/alias", Map.of("name", "breast-cancer", "alias", "champion"))
                    .path("model_version");
            assertThat(champion.path("version").asText()).isEqualTo("2");
            String secondRun = parents.get(1).path("info").path("run_id").asText();
            assertThat(champion.path("run_id").asText()).isEqualTo(secondRun);
            assertThat(champion.path("source").asText())
                    .isEqualTo(parents.get(1).path("info").path("artifact_uri").asText() + "/model");
            JsonNode history = client.gyreGet("registered-models/alias-history", Map.of("name", "breast-cancer"))
                    .path("alias_changes");
            assertThat(history.findValuesAsText("alias")).contains("champion", "challenger");
            assertThat(history.findValuesAsText("reason"))
                    .anySatisfy(reason -> assertThat(reason).startsWith("gyre quickstart: the gate passed"));

            CliRunner remote = new CliRunner(Map.of("GYRE_TRACKING_URI", server.url()), temp);
            CliRunner.Result runsJson = remote.run("runs", "list", "--experiment-name", "quickstart", "--json");
            assertThat(runsJson.exitCode()).as(runsJson.err()).isZero();
            assertThat(JSON.readTree(runsJson.out()).path("runs")).hasSize(10);
            CliRunner.Result runsTable = remote.run(
                    "runs",
                    "list",
                    "--experiment-id",
                    experimentId,
                    "--order-by",
                    "metrics.`test.auc` DESC",
                    "--max-results",
                    "1");
            assertThat(runsTable.exitCode()).as(runsTable.err()).isZero();
            List<String> lines = runsTable.out().lines().toList();
            assertThat(lines).hasSize(3); // header, 1 run, and how to ask for the next page
            assertThat(lines.getFirst()).contains("RUN ID", "NAME", "STATUS", "test.auc");
            assertThat(lines.getLast()).startsWith("More: --page-token ");
            String token = lines.getLast().substring("More: --page-token ".length());
            CliRunner.Result rest = remote.run(
                    "runs",
                    "list",
                    "--experiment-id",
                    experimentId,
                    "--order-by",
                    "metrics.`test.auc` DESC",
                    "--page-token",
                    token);
            List<String> restLines = rest.out().lines().toList();
            assertThat(restLines).hasSize(10); // header and the other 9 runs; no further page
            assertThat(restLines.get(1).split(" ")[0]).isNotEqualTo(lines.get(1).split(" ")[0]);
            assertThat(remote.run("models", "list").out())
                    .contains("breast-cancer")
                    .contains("champion=v2");
            assertThat(remote.run("models", "show", "breast-cancer").out())
                    .contains("passed")
                    .contains("gyre quickstart: the gate passed");
            assertThat(remote.run("experiments", "list").out())
                    .contains("quickstart")
                    .contains("Default");
            CliRunner.Result missing = remote.run("runs", "list", "--experiment-name", "nope");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.err()).startsWith("gyre: No experiment named 'nope' at " + server.url());
        }

        CliRunner.Result local = cli.run("runs", "list", "--experiment-name", "quickstart", "--max-results", "1");
        assertThat(local.exitCode()).as(local.err()).isZero();
        assertThat(local.out().lines().toList()).hasSize(3).last().asString().startsWith("More: --page-token ");
        assertThat(cli.run("models", "list", "--json").out()).contains("\"name\" : \"breast-cancer\"");
    }

    private static void assertRunIsComplete(TrackingClient client, JsonNode run, Path projectFile, String digest)
            throws Exception {
        JsonNode info = run.path("info");
        String runId = info.path("run_id").asText();
        assertThat(info.path("status").asText()).isEqualTo("FINISHED");
        assertThat(info.path("end_time").asLong())
                .isGreaterThanOrEqualTo(info.path("start_time").asLong());

        Map<String, String> tags = keyValues(run.path("data").path("tags"));
        assertThat(tags)
                .containsEntry("mlflow.runName", info.path("run_name").asText())
                .containsEntry("mlflow.source.name", projectFile.toString())
                .containsEntry("mlflow.user", "tester")
                .containsEntry("gyre.gate", "passed")
                .containsKey("mlflow.log-model.history");
        Map<String, String> params = keyValues(run.path("data").path("params"));
        assertThat(params)
                .containsEntry("trainer", "xgboost")
                .containsEntry("positive_class", "0")
                .containsEntry("split.seed", "42")
                .containsEntry("tuning.method", "random")
                .containsKey("model.max_depth");
        Map<String, String> metrics = keyValues(run.path("data").path("metrics"));
        assertThat(metrics).containsKeys("test.auc", "baseline.majority.auc", "baseline.linear.auc", "rows.train");
        assertThat(Double.parseDouble(metrics.get("test.auc"))).isBetween(0.95, 1.0);
        assertThat(Double.parseDouble(metrics.get("baseline.majority.auc"))).isEqualTo(0.5);

        JsonNode dataset = run.path("inputs").path("dataset_inputs").path(0);
        assertThat(dataset.path("dataset").path("name").asText()).isEqualTo("breast-cancer");
        assertThat(dataset.path("dataset").path("digest").asText()).isEqualTo(digest);
        assertThat(JSON.readTree(dataset.path("dataset").path("profile").asText())
                        .path("num_rows")
                        .asLong())
                .isEqualTo(398);
        assertThat(keyValues(dataset.path("tags"))).containsEntry("mlflow.data.context", "training");

        JsonNode history = client.get(
                        "metrics/get-history", Map.of("run_id", runId, "metric_key", "validation.logloss"))
                .path("metrics");
        assertThat(history.size()).isGreaterThan(10);

        String artifacts = artifacts(run);
        String mlmodel = new String(client.getArtifact(artifacts + "/model/MLmodel"), StandardCharsets.UTF_8);
        assertThat(mlmodel).contains("gyre:").contains("run_id: " + runId);
        JsonNode manifest = JSON.readTree(client.getArtifact(artifacts + "/model/gyre-model.json"));
        assertThat(manifest.path("classes").findValuesAsText("")).isEmpty();
        assertThat(manifest.path("classes").toString()).isEqualTo("[\"1\",\"0\"]");
        assertThat(manifest.path("signature").path("inputs")).hasSize(30);
        assertThat(manifest.path("targets").path("serving").toString()).contains("p99_latency_ms <= 10");
        assertThat(client.getArtifact(artifacts + "/model/training-profile.json"))
                .isNotEmpty();
        assertThat(new String(client.getArtifact(artifacts + "/evaluation/report.html"), StandardCharsets.UTF_8))
                .contains("<svg");
    }

    private static String artifacts(JsonNode run) {
        return run.path("info").path("artifact_uri").asText().replaceFirst("^mlflow-artifacts:/", "");
    }

    private static Map<String, String> keyValues(JsonNode array) {
        Map<String, String> map = new HashMap<>();
        array.forEach(e -> map.put(e.path("key").asText(), e.path("value").asText()));
        return map;
    }
}
