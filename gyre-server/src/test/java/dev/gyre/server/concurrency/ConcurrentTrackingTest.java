package dev.gyre.server.concurrency;

import static dev.gyre.server.testing.RestClient.keyValues;
import static dev.gyre.server.testing.RestClient.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.server.GyreServer;
import dev.gyre.server.testing.RestClient;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.TestDatabases;
import dev.gyre.store.artifact.LocalArtifactStore;
import dev.gyre.store.sql.SqlMetadataStores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many MLflow clients logging at once — a hyper-parameter sweep with 32 workers — must lose nothing, see every
 * batch applied all-or-nothing, and never read a half-updated run. A real server on a loopback port over the
 * embedded H2 store, 32 clients on virtual threads speaking the REST API with {@code java.net.http}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConcurrentTrackingTest {
    private static final int CLIENTS = 32;
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path artifacts;

    private MetadataStores stores;
    private GyreServer server;
    private RestClient api;
    private String experimentId;

    @BeforeEach
    void startServer() throws Exception {
        stores = SqlMetadataStores.open(TestDatabases.h2Memory(), "mlflow-artifacts:/");
        server = GyreServer.start(GyreServer.Options.loopback(0), stores, new LocalArtifactStore(artifacts));
        api = new RestClient(server.baseUrl());
        experimentId = api.ok("experiments/create", api.object().put("name", "concurrency"))
                .path("experiment_id")
                .asText();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void concurrentBatchesToSharedAndOwnRunsLoseNothing() throws Exception {
        int batches = 12;
        int keys = 4;
        int stepsPerBatch = 5;
        String shared = createRun("shared");
        List<String> own = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            own.add(createRun("client-" + c));
        }

        runClients(client -> {
            for (int b = 0; b < batches; b++) {
                ObjectNode mine = api.object().put("run_id", own.get(client));
                ArrayNode metrics = mine.putArray("metrics");
                for (int k = 0; k < keys; k++) {
                    for (int s = 0; s < stepsPerBatch; s++) {
                        long step = (long) b * stepsPerBatch + s;
                        metrics.add(metric("m" + k, ownValue(client, k, step), T0 + step, step));
                    }
                }
                ArrayNode params = mine.putArray("params");
                params.add(kv("p" + b, "v" + client + "-" + b));
                ArrayNode tags = mine.putArray("tags");
                tags.add(kv("latest_batch", Integer.toString(b)));
                tags.add(kv("t" + b, "x"));
                api.ok("runs/log-batch", mine);

                ObjectNode common = api.object().put("run_id", shared);
                ArrayNode sharedMetrics = common.putArray("metrics");
                sharedMetrics.add(metric("shared", client + b / 1000.0, T0 + b, (long) client * 1000 + b));
                sharedMetrics.add(metric("client_" + client, b, T0 + b, b));
                ArrayNode sharedParams = common.putArray("params");
                sharedParams.add(kv("c" + client + "_b" + b, "x"));
                sharedParams.add(kv("common", "same-value")); // re-logging an identical value is allowed
                common.putArray("tags").add(kv("writer_" + client, Integer.toString(b)));
                api.ok("runs/log-batch", common);
            }
        });

        for (int c = 0; c < CLIENTS; c++) {
            String runId = own.get(c);
            JsonNode run = api.okGet("runs/get", query("run_id", runId)).path("run");
            Map<String, String> latest = keyValues(run.path("data").path("metrics"));
            long lastStep = (long) batches * stepsPerBatch - 1;
            for (int k = 0; k < keys; k++) {
                Map<Long, Double> history = history(runId, "m" + k);
                assertThat(history).as("client %d m%d history", c, k).hasSize(batches * stepsPerBatch);
                for (Map.Entry<Long, Double> e : history.entrySet()) {
                    assertThat(e.getValue()).isEqualTo(ownValue(c, k, e.getKey()));
                }
                assertThat(Double.parseDouble(latest.get("m" + k)))
                        .as("client %d latest m%d", c, k)
                        .isEqualTo(ownValue(c, k, lastStep));
            }
            Map<String, String> params = keyValues(run.path("data").path("params"));
            assertThat(params).hasSize(batches);
            for (int b = 0; b < batches; b++) {
                assertThat(params).containsEntry("p" + b, "v" + c + "-" + b);
            }
            Map<String, String> tags = keyValues(run.path("data").path("tags"));
            assertThat(tags).containsEntry("latest_batch", Integer.toString(batches - 1));
            for (int b = 0; b < batches; b++) {
                assertThat(tags).containsKey("t" + b);
            }
        }

        JsonNode run = api.okGet("runs/get", query("run_id", shared)).path("run");
        assertThat(history(shared, "shared")).hasSize(CLIENTS * batches);
        for (int c = 0; c < CLIENTS; c++) {
            assertThat(history(shared, "client_" + c))
                    .as("shared run, client_%d", c)
                    .hasSize(batches);
        }
        Map<String, String> params = keyValues(run.path("data").path("params"));
        assertThat(params).hasSize(CLIENTS * batches + 1).containsEntry("common", "same-value");
        Map<String, String> tags = keyValues(run.path("data").path("tags"));
        for (int c = 0; c < CLIENTS; c++) {
            assertThat(tags).containsEntry("writer_" + c, Integer.toString(batches - 1));
        }
    }

    @Test
    void aBatchWithAnInvalidEntryFailsWith400AndWritesNothingEvenUnderConcurrency() throws Exception {
        int rounds = 9;
        List<String> runs = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String runId = createRun("client-" + c);
            runs.add(runId);
            ObjectNode fixed =
                    api.object().put("run_id", runId).put("key", "fixed").put("value", "original");
            api.ok("runs/log-parameter", fixed);
        }
        ConcurrentLinkedQueue<String> wrongAnswers = new ConcurrentLinkedQueue<>();

        runClients(client -> {
            String runId = runs.get(client);
            for (int r = 0; r < rounds; r++) {
                boolean invalid = r % 3 == 2;
                String prefix = invalid ? "bad" : "good";
                ObjectNode batch = api.object().put("run_id", runId);
                ArrayNode metrics = batch.putArray("metrics");
                for (int s = 0; s < 10; s++) {
                    metrics.add(metric(prefix, s, T0 + r, (long) r * 10 + s));
                }
                ArrayNode params = batch.putArray("params");
                params.add(kv(prefix + "_" + r, "v"));
                if (invalid) {
                    params.add(kv("fixed", "changed-" + r)); // params are immutable: the whole batch must fail
                }
                batch.putArray("tags").add(kv(prefix + "_tag_" + r, "v"));
                RestClient.Response response = api.post("runs/log-batch", batch);
                int expected = invalid ? 400 : 200;
                if (response.status() != expected
                        || invalid
                                && !response.body().path("error_code").asText().equals("INVALID_PARAMETER_VALUE")) {
                    wrongAnswers.add(
                            "client " + client + " round " + r + ": " + response.status() + " " + response.body());
                }
            }
        });

        assertThat(wrongAnswers).isEmpty();
        int goodRounds =
                (int) IntStream.range(0, rounds).filter(r -> r % 3 != 2).count();
        for (int c = 0; c < CLIENTS; c++) {
            String runId = runs.get(c);
            assertThat(history(runId, "bad"))
                    .as("client %d: metrics of rejected batches", c)
                    .isEmpty();
            assertThat(history(runId, "good"))
                    .as("client %d: metrics of accepted batches", c)
                    .hasSize(goodRounds * 10);
            JsonNode data =
                    api.okGet("runs/get", query("run_id", runId)).path("run").path("data");
            Map<String, String> params = keyValues(data.path("params"));
            assertThat(params).containsEntry("fixed", "original");
            assertThat(params.keySet()).noneMatch(k -> k.startsWith("bad"));
            assertThat(params.keySet().stream().filter(k -> k.startsWith("good_")))
                    .hasSize(goodRounds);
            assertThat(keyValues(data.path("tags")).keySet()).noneMatch(k -> k.startsWith("bad"));
            assertThat(keyValues(data.path("metrics"))).doesNotContainKey("bad");
        }
    }

    @Test
    void concurrentReadersNeverSeeAHalfWrittenRun() throws Exception {
        int runCount = 16;
        int batchesPerRun = 5;
        int paramsPerBatch = 10;
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < runCount; i++) {
            runs.add(createRun("run-" + i));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ConcurrentLinkedQueue<String> inconsistencies = new ConcurrentLinkedQueue<>();

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < CLIENTS - runCount; r++) {
                readers.add(pool.submit(() -> {
                    while (writing.get()) {
                        int i = ThreadLocalRandom.current().nextInt(runCount);
                        JsonNode run = api.okGet("runs/get", query("run_id", runs.get(i)))
                                .path("run");
                        reads.incrementAndGet();
                        String problem = inconsistency(run, endTime(i), batchesPerRun, paramsPerBatch);
                        if (problem != null) {
                            inconsistencies.add("run " + i + ": " + problem);
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int i = 0; i < runCount; i++) {
                int index = i;
                writers.add(pool.submit(() -> {
                    String runId = runs.get(index);
                    for (int b = 0; b < batchesPerRun; b++) {
                        ObjectNode batch = api.object().put("run_id", runId);
                        ArrayNode params = batch.putArray("params");
                        for (int p = 0; p < paramsPerBatch; p++) {
                            params.add(kv("b" + b + "_k" + p, "v"));
                        }
                        batch.putArray("metrics").add(metric("progress", b, T0 + b, b));
                        api.ok("runs/log-batch", batch);
                    }
                    api.ok(
                            "runs/update",
                            api.object()
                                    .put("run_id", runId)
                                    .put("status", "FINISHED")
                                    .put("end_time", endTime(index)));
                    return null;
                }));
            }
            try {
                for (Future<?> w : writers) {
                    w.get(60, TimeUnit.SECONDS);
                }
            } finally {
                writing.set(false);
            }
            for (Future<?> r : readers) {
                r.get(30, TimeUnit.SECONDS);
            }
        }

        assertThat(inconsistencies).isEmpty();
        assertThat(reads.get()).as("reads made while writing").isGreaterThan(CLIENTS);
        for (int i = 0; i < runCount; i++) {
            JsonNode run = api.okGet("runs/get", query("run_id", runs.get(i))).path("run");
            assertThat(run.path("info").path("status").asText()).isEqualTo("FINISHED");
            assertThat(keyValues(run.path("data").path("params"))).hasSize(batchesPerRun * paramsPerBatch);
        }
    }

    /** Null when the run is consistent, else what is wrong with it. */
    private static String inconsistency(JsonNode run, long endTime, int batches, int paramsPerBatch) {
        JsonNode info = run.path("info");
        String status = info.path("status").asText();
        JsonNode end = info.path("end_time");
        boolean ended = !end.isMissingNode() && !end.isNull();
        Map<String, String> params = keyValues(run.path("data").path("params"));
        for (int b = 0; b < batches; b++) {
            String prefix = "b" + b + "_";
            long seen =
                    params.keySet().stream().filter(k -> k.startsWith(prefix)).count();
            if (seen != 0 && seen != paramsPerBatch) {
                return "batch " + b + " half visible: " + seen + " of " + paramsPerBatch + " params";
            }
        }
        switch (status) {
            case "RUNNING" -> {
                if (ended) {
                    return "RUNNING with end_time " + end;
                }
            }
            case "FINISHED" -> {
                if (!ended || end.asLong() != endTime) {
                    return "FINISHED with end_time " + end;
                }
                if (params.size() != batches * paramsPerBatch) {
                    return "FINISHED before all its batches were visible: " + params.size() + " params";
                }
            }
            default -> {
                return "unexpected status " + status;
            }
        }
        return null;
    }

    private static long endTime(int runIndex) {
        return T0 + 60_000 + runIndex;
    }

    /** One client's work; may throw, which fails the test. */
    @FunctionalInterface
    private interface ClientWork {
        void run(int client) throws Exception;
    }

    /** Runs {@code CLIENTS} clients at once on virtual threads, released together, and waits for all. */
    private static void runClients(ClientWork work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    start.await();
                    work.run(client);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(75, TimeUnit.SECONDS);
            }
        }
    }

    private String createRun(String name) throws IOException, InterruptedException {
        ObjectNode body = api.object()
                .put("experiment_id", experimentId)
                .put("run_name", name)
                .put("start_time", T0);
        return api.ok("runs/create", body)
                .path("run")
                .path("info")
                .path("run_id")
                .asText();
    }

    private static double ownValue(int client, int key, long step) {
        return client * 1_000_000.0 + key * 1000.0 + step;
    }

    private ObjectNode metric(String key, double value, long timestamp, long step) {
        return api.object()
                .put("key", key)
                .put("value", value)
                .put("timestamp", timestamp)
                .put("step", step);
    }

    private ObjectNode kv(String key, String value) {
        return api.object().put("key", key).put("value", value);
    }

    /** A metric's full history, step → value, paging through get-history; a step logged twice fails. */
    private Map<Long, Double> history(String runId, String key) throws IOException, InterruptedException {
        Map<Long, Double> points = new TreeMap<>();
        for (JsonNode m : api.metricHistory(runId, key)) {
            Double previous =
                    points.put(m.path("step").asLong(), m.path("value").asDouble());
            assertThat(previous)
                    .as("%s step %d returned twice", key, m.path("step").asLong())
                    .isNull();
        }
        return points;
    }
}
