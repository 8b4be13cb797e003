package dev.gyre.cli.durability;

import static dev.gyre.server.testing.RestClient.keyValues;
import static dev.gyre.server.testing.RestClient.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.server.testing.RestClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write the server acknowledged with HTTP 200 must survive the server being SIGKILLed right afterwards — the
 * promise MLflow clients rely on when a tracking server is OOM-killed or its pod evicted. The server runs as a real
 * child process over an embedded H2 file store; after the kill it is started again on the same files and every
 * acknowledged write is read back over the REST API.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class KillNineDurabilityTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
        Ledger ledger = new Ledger();
        String experimentId;
        String runId;
        String artifactPath;
        String modelVersion;
        byte[] artifact = new byte[64 * 1024];
        new Random(42).nextBytes(artifact);
        long endTime = T0 + 99_000;

        try (ServerProcess server = ServerProcess.start(dir, "first")) {
            RestClient api = server.client();
            experimentId = api.ok("experiments/create", api.object().put("name", "durable"))
                    .path("experiment_id")
                    .asText();

            ObjectNode createRun = api.object()
                    .put("experiment_id", experimentId)
                    .put("run_name", "durable-run")
                    .put("start_time", T0);
            createRun.putArray("tags").addObject().put("key", "origin").put("value", "create-run");
            JsonNode run = api.ok("runs/create", createRun).path("run");
            runId = run.path("info").path("run_id").asText();
            ledger.tag("origin", "create-run");

            for (int step = 0; step < 40; step++) {
                double value = 1.0 / (step + 1);
                // int64 fields sent as strings, as MLflow's own clients do through protobuf JSON.
                api.ok(
                        "runs/log-metric",
                        api.object()
                                .put("run_id", runId)
                                .put("key", "loss")
                                .put("value", value)
                                .put("timestamp", Long.toString(T0 + step))
                                .put("step", Long.toString(step)));
                ledger.metric("loss", step, value, T0 + step);
            }
            for (int i = 0; i < 5; i++) {
                api.ok(
                        "runs/log-parameter",
                        api.object().put("run_id", runId).put("key", "p" + i).put("value", "v" + i));
                ledger.param("p" + i, "v" + i);
                api.ok(
                        "runs/set-tag",
                        api.object().put("run_id", runId).put("key", "phase").put("value", "phase-" + i));
                ledger.tag("phase", "phase-" + i);
            }

            ObjectNode createModel = api.object().put("name", "durable-model").put("description", "survives kill -9");
            createModel.putArray("tags").addObject().put("key", "owner").put("value", "durability-test");
            api.ok("registered-models/create", createModel);
            JsonNode version = api.ok(
                            "model-versions/create",
                            api.object()
                                    .put("name", "durable-model")
                                    .put(
                                            "source",
                                            run.path("info")
                                                            .path("artifact_uri")
                                                            .asText() + "/model")
                                    .put("run_id", runId))
                    .path("model_version");
            modelVersion = version.path("version").asText();

            artifactPath = proxiedPath(run.path("info").path("artifact_uri").asText()) + "/model/weights.bin";
            assertThat(api.putArtifact(artifactPath, artifact))
                    .as("artifact upload")
                    .isEqualTo(200);

            api.ok(
                    "runs/update",
                    api.object().put("run_id", runId).put("status", "FINISHED").put("end_time", endTime));

            // The last acknowledged writes are batches; the kill follows the last 200 with no pause.
            for (int b = 0; b < 25; b++) {
                ObjectNode batch = api.object().put("run_id", runId);
                ArrayNode metrics = batch.putArray("metrics");
                for (int s = 0; s < 40; s++) {
                    long step = b * 40L + s;
                    double value = b + s / 100.0;
                    metrics.addObject()
                            .put("key", "acc")
                            .put("value", value)
                            .put("timestamp", T0 + step)
                            .put("step", step);
                    ledger.pending("acc", step, value, T0 + step);
                }
                batch.putArray("params").addObject().put("key", "batch_" + b).put("value", "param-" + b);
                batch.putArray("tags").addObject().put("key", "last_batch").put("value", Integer.toString(b));
                api.ok("runs/log-batch", batch);
                ledger.commitPending();
                ledger.param("batch_" + b, "param-" + b);
                ledger.tag("last_batch", Integer.toString(b));
            }
            int exit = server.kill();
            assertThat(exit)
                    .as("exit status of a SIGKILLed process (128 + 9), not a graceful stop")
                    .isEqualTo(ServerProcess.SIGKILL_EXIT);
            assertThat(server.isAlive()).isFalse();

            try (ServerProcess restarted = ServerProcess.start(dir, "restarted")) {
                RestClient again = restarted.client();
                assertThat(again.okGet("experiments/get", query("experiment_id", experimentId))
                                .path("experiment")
                                .path("name")
                                .asText())
                        .isEqualTo("durable");

                JsonNode info = again.okGet("runs/get", query("run_id", runId)).path("run");
                assertThat(info.path("info").path("status").asText()).isEqualTo("FINISHED");
                assertThat(info.path("info").path("end_time").asLong()).isEqualTo(endTime);
                assertThat(keyValues(info.path("data").path("params"))).isEqualTo(ledger.params);
                assertThat(keyValues(info.path("data").path("tags"))).containsAllEntriesOf(ledger.tags);
                Map<String, String> latest = keyValues(info.path("data").path("metrics"));
                assertThat(Double.parseDouble(latest.get("loss"))).isEqualTo(ledger.latest("loss"));
                assertThat(Double.parseDouble(latest.get("acc"))).isEqualTo(ledger.latest("acc"));
                for (String key : ledger.metrics.keySet()) {
                    assertThat(history(again, runId, key))
                            .as("history of " + key)
                            .isEqualTo(ledger.metrics.get(key));
                }

                JsonNode model = again.okGet("registered-models/get", query("name", "durable-model"))
                        .path("registered_model");
                assertThat(model.path("description").asText()).isEqualTo("survives kill -9");
                assertThat(keyValues(model.path("tags"))).containsEntry("owner", "durability-test");
                JsonNode mv = again.okGet("model-versions/get", query("name", "durable-model", "version", modelVersion))
                        .path("model_version");
                assertThat(mv.path("run_id").asText()).isEqualTo(runId);

                HttpResponse<byte[]> download = again.getArtifact(artifactPath);
                assertThat(download.statusCode()).isEqualTo(200);
                assertThat(download.body()).isEqualTo(artifact);

                // The restarted server takes new writes on the same store.
                again.ok(
                        "runs/log-metric",
                        again.object()
                                .put("run_id", runId)
                                .put("key", "after_restart")
                                .put("value", 7.0)
                                .put("timestamp", T0)
                                .put("step", 0));
                assertThat(history(again, runId, "after_restart")).hasSize(1);
                String newRun = again.ok(
                                "runs/create",
                                again.object()
                                        .put("experiment_id", experimentId)
                                        .put("start_time", T0))
                        .path("run")
                        .path("info")
                        .path("run_id")
                        .asText();
                assertThat(newRun).isNotBlank().isNotEqualTo(runId);
            }
        }
    }

    @Test
    void killDuringConcurrentWritesLosesNoAcknowledgedBatch() throws Exception {
        int writers = 4;
        int metricsPerBatch = 20;
        int killAfterAcks = 120;
        List<String> runIds = new ArrayList<>();
        String experimentId;
        List<Set<Integer>> acked = new ArrayList<>();
        List<Set<Integer>> attempted = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            acked.add(ConcurrentHashMap.newKeySet());
            attempted.add(ConcurrentHashMap.newKeySet());
        }

        try (ServerProcess server = ServerProcess.start(dir, "first")) {
            RestClient api = server.client();
            experimentId = api.ok("experiments/create", api.object().put("name", "mid-stream"))
                    .path("experiment_id")
                    .asText();
            for (int w = 0; w < writers; w++) {
                runIds.add(api.ok(
                                "runs/create",
                                api.object().put("experiment_id", experimentId).put("start_time", T0))
                        .path("run")
                        .path("info")
                        .path("run_id")
                        .asText());
            }

            CountDownLatch enoughAcks = new CountDownLatch(killAfterAcks);
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<?>> futures = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                try {
                    for (int w = 0; w < writers; w++) {
                        int writer = w;
                        futures.add(pool.submit(() -> {
                            writeBatches(
                                    api,
                                    runIds.get(writer),
                                    metricsPerBatch,
                                    stop,
                                    attempted.get(writer),
                                    acked.get(writer),
                                    enoughAcks);
                            return null;
                        }));
                    }
                    assertThat(enoughAcks.await(90, TimeUnit.SECONDS))
                            .as("writers got %d acks", killAfterAcks)
                            .isTrue();
                    int exit = server.kill(); // writers are mid-stream: requests in flight, connections open
                    assertThat(exit).isEqualTo(ServerProcess.SIGKILL_EXIT);
                } finally {
                    stop.set(true);
                }
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            }
        }

        try (ServerProcess restarted = ServerProcess.start(dir, "restarted")) {
            RestClient api = restarted.client();
            for (int w = 0; w < writers; w++) {
                String runId = runIds.get(w);
                Map<Long, Double> stored = new TreeMap<>();
                history(api, runId, "w").forEach((step, point) -> stored.put(step, point.value()));
                Set<String> params = keyValues(api.okGet("runs/get", query("run_id", runId))
                                .path("run")
                                .path("data")
                                .path("params"))
                        .keySet();
                Set<Integer> storedBatches = new TreeSet<>();
                for (long step : stored.keySet()) {
                    storedBatches.add((int) (step / metricsPerBatch));
                }
                for (int b : acked.get(w)) {
                    assertThat(params)
                            .as("writer %d: param of acknowledged batch %d", w, b)
                            .contains("b" + b);
                }
                assertThat(attempted.get(w))
                        .as("writer %d: only attempted batches are stored", w)
                        .containsAll(storedBatches);
                for (int b : attempted.get(w)) {
                    long inBatch = stored.keySet().stream()
                            .filter(s -> s / metricsPerBatch == b)
                            .count();
                    if (acked.get(w).contains(b)) {
                        assertThat(inBatch)
                                .as("writer %d: acknowledged batch %d", w, b)
                                .isEqualTo(metricsPerBatch);
                    } else {
                        // The batch in flight at the kill: all of it or none of it, metrics and param together.
                        assertThat(inBatch)
                                .as("writer %d: in-flight batch %d is all or nothing", w, b)
                                .isIn(0L, (long) metricsPerBatch);
                        assertThat(params.contains("b" + b))
                                .as("writer %d: in-flight batch %d param", w, b)
                                .isEqualTo(inBatch == metricsPerBatch);
                    }
                }
                for (Map.Entry<Long, Double> e : stored.entrySet()) {
                    assertThat(e.getValue()).isEqualTo((double) e.getKey());
                }
            }
            // The store opened cleanly and takes writes again.
            api.ok(
                    "runs/log-metric",
                    api.object()
                            .put("run_id", runIds.getFirst())
                            .put("key", "after")
                            .put("value", 1)
                            .put("timestamp", T0)
                            .put("step", 0));
            JsonNode search = api.ok("runs/search", searchAll(api, experimentId));
            assertThat(search.path("runs").size()).isEqualTo(writers);
        }
    }

    /** Logs batches until the server stops answering or {@code stop} is set; records attempts and acks. */
    private static void writeBatches(
            RestClient api,
            String runId,
            int metricsPerBatch,
            AtomicBoolean stop,
            Set<Integer> attempted,
            Set<Integer> acked,
            CountDownLatch acks)
            throws InterruptedException {
        for (int b = 0; !stop.get() && b < 100_000; b++) {
            ObjectNode batch = api.object().put("run_id", runId);
            ArrayNode metrics = batch.putArray("metrics");
            for (int s = 0; s < metricsPerBatch; s++) {
                long step = (long) b * metricsPerBatch + s;
                metrics.addObject()
                        .put("key", "w")
                        .put("value", step)
                        .put("timestamp", T0 + b)
                        .put("step", step);
            }
            batch.putArray("params").addObject().put("key", "b" + b).put("value", "x");
            attempted.add(b);
            try {
                if (!api.post("runs/log-batch", batch).ok()) {
                    return; // an error answer is not an acknowledgement
                }
            } catch (IOException serverGone) {
                return;
            }
            acked.add(b);
            acks.countDown();
        }
    }

    private static ObjectNode searchAll(RestClient api, String experimentId) {
        ObjectNode body = api.object().put("max_results", 100);
        body.putArray("experiment_ids").add(experimentId);
        return body;
    }

    /** {@code mlflow-artifacts:/1/<run>/artifacts} → {@code 1/<run>/artifacts}, the proxy's path. */
    private static String proxiedPath(String artifactUri) {
        assertThat(artifactUri).startsWith("mlflow-artifacts:");
        return artifactUri.substring("mlflow-artifacts:".length()).replaceFirst("^/+", "");
    }

    /** A metric's full history by step, paging through get-history. */
    private static Map<Long, Point> history(RestClient api, String runId, String key)
            throws IOException, InterruptedException {
        Map<Long, Point> points = new TreeMap<>();
        for (JsonNode m : api.metricHistory(runId, key)) {
            Point previous = points.put(
                    m.path("step").asLong(),
                    new Point(m.path("value").asDouble(), m.path("timestamp").asLong()));
            assertThat(previous)
                    .as("%s step %d stored twice", key, m.path("step").asLong())
                    .isNull();
        }
        return points;
    }

    /** One stored metric value. */
    private record Point(double value, long timestamp) {}

    /** What the server acknowledged, as the client saw it. */
    private static final class Ledger {
        final Map<String, TreeMap<Long, Point>> metrics = new TreeMap<>();
        final Map<String, String> params = new HashMap<>();
        final Map<String, String> tags = new HashMap<>();
        private final Map<String, Map<Long, Point>> pending = new TreeMap<>();

        void metric(String key, long step, double value, long timestamp) {
            metrics.computeIfAbsent(key, k -> new TreeMap<>()).put(step, new Point(value, timestamp));
        }

        void pending(String key, long step, double value, long timestamp) {
            pending.computeIfAbsent(key, k -> new TreeMap<>()).put(step, new Point(value, timestamp));
        }

        void commitPending() {
            pending.forEach((key, points) ->
                    metrics.computeIfAbsent(key, k -> new TreeMap<>()).putAll(points));
            pending.clear();
        }

        void param(String key, String value) {
            params.put(key, value);
        }

        void tag(String key, String value) {
            tags.put(key, value);
        }

        /** MLflow's latest value: the highest step (steps and timestamps grow together here). */
        double latest(String key) {
            return metrics.get(key).lastEntry().getValue().value();
        }
    }
}
