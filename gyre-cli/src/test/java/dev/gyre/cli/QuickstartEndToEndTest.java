package dev.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.cli.client.TrackingClient;
import dev.gyre.data.register.MlflowDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    void recordsRunsMetricsDatasetArtifactsAndTheChampionModel() throws Exception {
        Path home = temp.resolve("home");
        Map<String, String> env = Map.of("GYRE_HOME", home.toString());
        CliRunner cli = new CliRunner(env, temp);

        long started = System.nanoTime();
        CliRunner.Result first = cli.run("quickstart");
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        CliRunner.Result second = cli.run("quickstart", "--home", home.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(first.out())
                .contains("Experiment 'quickstart' (id ")
                .contains("4 runs")
                .contains("Registered model 'breast-cancer' version 1")
                .contains("alias 'champion' -> version 1")
                .contains("./gyre runs list --experiment-name quickstart");
        assertThat(second.out()).contains("Registered model 'breast-cancer' version 2");
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
        assertThat(firstMillis).as("quickstart duration, ms").isLessThan(30_000);

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
            assertThat(runs).hasSize(8);
            List<String> secondBatch = new ArrayList<>();
            for (JsonNode run : runs) {
                assertRunIsComplete(client, run);
                if (secondBatch.size() < 4 && runs.size() - 4 <= indexOf(runs, run)) {
                    secondBatch.add(run.path("info").path("run_id").asText());
                }
            }

            JsonNode registered = client.gyreGet("datasets/get", Map.of("name", "breast-cancer"))
                    .path("dataset_version");
            assertThat(registered.path("version").asLong()).isEqualTo(1);
            assertThat(registered.path("row_count").asLong()).isEqualTo(398);
            String mlflowDigest =
                    MlflowDatasets.mlflowDigest(registered.path("digest").asText());
            for (JsonNode run : runs) {
                JsonNode input =
                        run.path("inputs").path("dataset_inputs").path(0).path("dataset");
                assertThat(input.path("name").asText()).isEqualTo("breast-cancer");
                assertThat(input.path("digest").asText()).isEqualTo(mlflowDigest);
            }

            JsonNode champion = client.get(
                            "registered-models/alias", Map.of("name", "breast-cancer", "alias", "champion"))
                    .path("model_version");
            assertThat(champion.path("version").asText()).isEqualTo("2");
            assertThat(champion.path("run_id").asText()).isIn(secondBatch);
            assertThat(champion.path("source").asText())
                    .isEqualTo(
                            runById(runs, champion.path("run_id").asText())
                                            .path("info")
                                            .path("artifact_uri")
                                            .asText() + "/model");
            assertThat(champion.path("run_id").asText()).isEqualTo(bestByValAuc(runs, secondBatch));
            assertThat(client.get("model-versions/get", Map.of("name", "breast-cancer", "version", "1"))
                            .path("model_version")
                            .path("version")
                            .asText())
                    .isEqualTo("1");

            CliRunner remote = new CliRunner(Map.of("GYRE_TRACKING_URI", server.url()), temp);
            CliRunner.Result runsJson = remote.run("runs", "list", "--experiment-name", "quickstart", "--json");
            assertThat(runsJson.exitCode()).as(runsJson.err()).isZero();
            assertThat(JSON.readTree(runsJson.out()).path("runs")).hasSize(8);
            CliRunner.Result runsTable = remote.run(
                    "runs",
                    "list",
                    "--experiment-id",
                    experimentId,
                    "--order-by",
                    "metrics.val_auc DESC",
                    "--max-results",
                    "3");
            List<String> lines = runsTable.out().lines().toList();
            assertThat(lines).hasSize(5); // header, 3 runs, and how to ask for the next page
            assertThat(lines.getFirst()).contains("RUN ID", "NAME", "STATUS", "val_accuracy", "val_auc");
            assertThat(lines.getLast()).startsWith("More: --page-token ");
            String token = lines.getLast().substring("More: --page-token ".length());
            CliRunner.Result rest = remote.run(
                    "runs",
                    "list",
                    "--experiment-id",
                    experimentId,
                    "--order-by",
                    "metrics.val_auc DESC",
                    "--page-token",
                    token);
            List<String> restLines = rest.out().lines().toList();
            assertThat(restLines).hasSize(6); // header and the other 5 of the 8 runs; no further page
            Set<String> firstIds = new java.util.HashSet<>();
            lines.subList(1, 4).forEach(l -> firstIds.add(l.split(" ")[0]));
            Set<String> restIds = new java.util.HashSet<>();
            restLines.subList(1, 6).forEach(l -> restIds.add(l.split(" ")[0]));
            assertThat(firstIds).hasSize(3).doesNotContainAnyElementsOf(restIds);
            assertThat(restIds).hasSize(5);
            assertThat(remote.run("models", "list").out())
                    .contains("breast-cancer")
                    .contains("champion=v2");
            assertThat(remote.run("experiments", "list").out())
                    .contains("quickstart")
                    .contains("Default");
            CliRunner.Result missing = remote.run("runs", "list", "--experiment-name", "nope");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.err()).startsWith("gyre: No experiment named 'nope' at " + server.url());
        }

        CliRunner.Result local = cli.run(
                "runs",
                "list",
                "--experiment-name",
                "quickstart",
                "--order-by",
                "metrics.val_auc DESC",
                "--max-results",
                "2");
        assertThat(local.exitCode()).as(local.err()).isZero();
        assertThat(local.out().lines().toList()).hasSize(4).last().asString().startsWith("More: --page-token ");
        assertThat(cli.run("models", "list", "--json").out()).contains("\"name\" : \"breast-cancer\"");
    }

    private static void assertRunIsComplete(TrackingClient client, JsonNode run) throws Exception {
        JsonNode info = run.path("info");
        String runId = info.path("run_id").asText();
        assertThat(info.path("status").asText()).isEqualTo("FINISHED");
        assertThat(info.path("end_time").asLong())
                .isGreaterThanOrEqualTo(info.path("start_time").asLong());

        Map<String, String> tags = keyValues(run.path("data").path("tags"));
        assertThat(tags)
                .containsEntry("mlflow.runName", info.path("run_name").asText())
                .containsEntry("mlflow.source.name", "gyre quickstart")
                .containsEntry("mlflow.user", "tester");
        Map<String, String> params = keyValues(run.path("data").path("params"));
        assertThat(params)
                .containsKeys("learning_rate", "l2", "epochs", "seed", "validation_fraction")
                .containsEntry("epochs", "60");
        Map<String, String> metrics = keyValues(run.path("data").path("metrics"));
        assertThat(metrics).containsOnlyKeys("train_log_loss", "val_log_loss", "val_accuracy", "val_auc");
        assertThat(Double.parseDouble(metrics.get("val_auc"))).isBetween(0.95, 1.0);

        JsonNode dataset = run.path("inputs").path("dataset_inputs").path(0);
        assertThat(JSON.readTree(dataset.path("dataset").path("profile").asText())
                        .path("num_rows")
                        .asLong())
                .isEqualTo(398);
        assertThat(JSON.readTree(dataset.path("dataset").path("source").asText())
                        .path("gyre_dataset")
                        .asText())
                .isEqualTo("breast-cancer");
        assertThat(keyValues(dataset.path("tags"))).containsEntry("mlflow.data.context", "training");

        JsonNode history = client.get("metrics/get-history", Map.of("run_id", runId, "metric_key", "val_auc"))
                .path("metrics");
        assertThat(history).hasSize(60);
        Set<Long> steps = new java.util.TreeSet<>();
        history.forEach(m -> steps.add(m.path("step").asLong()));
        assertThat(steps).hasSize(60).contains(1L, 60L);

        String artifacts = info.path("artifact_uri").asText().replaceFirst("^mlflow-artifacts:/", "");
        JsonNode coefficients = JSON.readTree(client.getArtifact(artifacts + "/model/coefficients.json"));
        assertThat(coefficients.path("features")).hasSize(30);
        assertThat(coefficients.path("positive_class").asText()).isEqualTo("benign");
        JsonNode summary = JSON.readTree(client.getArtifact(artifacts + "/metrics_summary.json"));
        assertThat(summary.path("final").path("val_auc").asDouble())
                .isEqualTo(Double.parseDouble(metrics.get("val_auc")));
    }

    private static Map<String, String> keyValues(JsonNode array) {
        Map<String, String> map = new HashMap<>();
        array.forEach(e -> map.put(e.path("key").asText(), e.path("value").asText()));
        return map;
    }

    private static int indexOf(JsonNode array, JsonNode element) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) == element) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode runById(JsonNode runs, String runId) {
        for (JsonNode run : runs) {
            if (run.path("info").path("run_id").asText().equals(runId)) {
                return run;
            }
        }
        throw new AssertionError("no run " + runId);
    }

    private static String bestByValAuc(JsonNode runs, List<String> candidates) {
        String best = null;
        double bestAuc = -1;
        for (String runId : candidates) {
            double auc = Double.parseDouble(
                    keyValues(runById(runs, runId).path("data").path("metrics")).get("val_auc"));
            if (auc > bestAuc) {
                best = runId;
                bestAuc = auc;
            }
        }
        return best;
    }
}
