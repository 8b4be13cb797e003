package dev.gyre.store.sql;

import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Run;
import dev.gyre.core.tracking.ViewType;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.TrackingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A throwaway measurement, not a test (surefire does not run it): logBatch throughput and filtered search latency
 * over 100,000 runs on an embedded H2 file database. Run with the test classpath:
 * {@code java -cp <test classpath> dev.gyre.store.sql.StoreBenchmark [dir] [runs]}.
 */
public final class StoreBenchmark {
    private StoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/gyre-bench");
        int runCount = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        String uri = "h2:" + dir.resolve("db").toAbsolutePath();
        if (args.length > 2 && args[2].equals("reuse")) { // search again over the runs of a previous invocation
            try (MetadataStores stores = SqlMetadataStores.open(uri, "mlflow-artifacts:/")) {
                searchLatency(
                        stores.tracking(),
                        stores.tracking()
                                .getExperimentByName("bench-search")
                                .orElseThrow()
                                .experimentId());
            }
            return;
        }
        deleteRecursively(dir);
        try (MetadataStores stores = SqlMetadataStores.open(uri, "mlflow-artifacts:/")) {
            logBatchThroughput(stores.tracking());
        }
        String exp;
        try (MetadataStores stores = SqlMetadataStores.open(uri, "mlflow-artifacts:/")) {
            exp = stores.tracking().createExperiment("bench-search", null, List.of());
        }
        long t0 = System.nanoTime();
        populate(dir.resolve("db").toAbsolutePath().toString(), Long.parseLong(exp), runCount);
        System.out.printf("populated %,d runs in %.1f s%n", runCount, (System.nanoTime() - t0) / 1e9);
        try (MetadataStores stores = SqlMetadataStores.open(uri, "mlflow-artifacts:/")) {
            searchLatency(stores.tracking(), exp);
        }
    }

    private static void logBatchThroughput(TrackingStore store) {
        String exp = store.createExperiment("bench-log", null, List.of());
        String runId =
                store.createRun(exp, "bench", 0, List.of(), "bench").info().runId();
        int batches = 300;
        int warmup = 50;
        long start = 0;
        for (int b = 0; b < batches; b++) {
            if (b == warmup) {
                start = System.nanoTime();
            }
            List<Metric> batch = new ArrayList<>(1000);
            for (int i = 0; i < 1000; i++) {
                int key = i % 50;
                long step = (long) b * 20 + i / 50;
                batch.add(new Metric("metric_" + key, Math.sin(step + key), 1_700_000_000_000L + step, step));
            }
            store.logBatch(runId, batch, List.of(), List.of());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double perSecond = (batches - warmup) * 1000 / seconds;
        System.out.printf(
                "logBatch: %d batches of 1000 metrics (50 keys x 20 steps) in %.2f s = %,.0f metrics/s"
                        + " (%.1f ms per batch)%n",
                batches - warmup, seconds, perSecond, seconds * 1000 / (batches - warmup));
    }

    /** Bulk-loads runs with JDBC directly (the store's per-run transactions would take minutes to generate). */
    private static void populate(String file, long experimentId, int runCount) throws Exception {
        Random random = new Random(42);
        String[] teams = {"vision", "nlp", "speech", "tabular"};
        String[] lrs = {"0.1", "0.01", "0.001", "0.0001"};
        String[] statuses = {"FINISHED", "FAILED", "RUNNING", "KILLED"};
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file + BackendUri.H2_SETTINGS, "sa", "")) {
            c.setAutoCommit(false);
            try (PreparedStatement run = c.prepareStatement("INSERT INTO runs (run_uuid, name, experiment_id, user_id,"
                            + " status, start_time, end_time, deleted_time, lifecycle_stage, artifact_uri)"
                            + " VALUES (?, ?, ?, 'bench', ?, ?, NULL, NULL, 'active', ?)");
                    PreparedStatement latest = c.prepareStatement("INSERT INTO latest_metrics (run_uuid, metric_key,"
                            + " step, timestamp_ms, metric_value, is_nan) VALUES (?, ?, 10, 1, ?, FALSE)");
                    PreparedStatement metric = c.prepareStatement("INSERT INTO metrics (run_uuid, metric_key,"
                            + " step, timestamp_ms, metric_value, is_nan) VALUES (?, ?, 10, 1, ?, FALSE)");
                    PreparedStatement param = c.prepareStatement(
                            "INSERT INTO params (run_uuid, param_key, param_value) VALUES (?, ?, ?)");
                    PreparedStatement tag =
                            c.prepareStatement("INSERT INTO tags (run_uuid, tag_key, tag_value) VALUES (?, ?, ?)")) {
                for (int i = 0; i < runCount; i++) {
                    String id = UUID.randomUUID().toString().replace("-", "");
                    run.setString(1, id);
                    run.setString(2, "run-" + i);
                    run.setLong(3, experimentId);
                    run.setString(4, statuses[random.nextInt(statuses.length)]);
                    run.setLong(5, 1_700_000_000_000L + i * 1000L);
                    run.setString(6, "mlflow-artifacts:/" + experimentId + "/" + id + "/artifacts");
                    run.addBatch();
                    for (String key : List.of("acc", "loss", "f1")) {
                        double v = random.nextDouble();
                        for (PreparedStatement ps : List.of(latest, metric)) {
                            ps.setString(1, id);
                            ps.setString(2, key);
                            ps.setDouble(3, v);
                            ps.addBatch();
                        }
                    }
                    for (String[] p : List.of(
                            new String[] {"lr", lrs[random.nextInt(lrs.length)]},
                            new String[] {"layers", Integer.toString(random.nextInt(8))},
                            new String[] {"optimizer", random.nextBoolean() ? "adam" : "sgd"})) {
                        param.setString(1, id);
                        param.setString(2, p[0]);
                        param.setString(3, p[1]);
                        param.addBatch();
                    }
                    for (String[] t : List.of(
                            new String[] {"team", teams[random.nextInt(teams.length)]},
                            new String[] {"mlflow.runName", "run-" + i})) {
                        tag.setString(1, id);
                        tag.setString(2, t[0]);
                        tag.setString(3, t[1]);
                        tag.addBatch();
                    }
                    if (i % 5000 == 4999) {
                        for (PreparedStatement ps : List.of(run, latest, metric, param, tag)) {
                            ps.executeBatch();
                        }
                        c.commit();
                    }
                }
                for (PreparedStatement ps : List.of(run, latest, metric, param, tag)) {
                    ps.executeBatch();
                }
                c.commit();
            }
            try (var s = c.createStatement()) {
                s.execute("ANALYZE");
            }
        }
    }

    /**
     * Each case alternates between two filters of equal selectivity, so that H2 cannot answer from the result it
     * cached for the previous, identical query: these are the latencies of real executions.
     */
    private static void searchLatency(TrackingStore store, String exp) {
        List<String[]> cases = List.of(
                new String[] {"(no filter)", null, null, null},
                new String[] {"metrics.acc > 0.9", "metrics.acc > 0.9", "metrics.acc > 0.90001", null},
                new String[] {"metrics.acc > 0.999 (0.1% match)", "metrics.acc > 0.999", "metrics.acc > 0.99901", null},
                new String[] {"params.lr = '0.01'", "params.lr = '0.01'", "params.lr = '0.001'", null},
                new String[] {"tags.team = 'vision'", "tags.team = 'vision'", "tags.team = 'nlp'", null},
                new String[] {
                    "attributes.status IN ('FINISHED','FAILED')",
                    "attributes.status IN ('FINISHED','FAILED')",
                    "attributes.status IN ('RUNNING','KILLED')",
                    null
                },
                new String[] {
                    "metrics.acc > 0.9 and params.lr = '0.01' and tags.team LIKE 'v%'",
                    "metrics.acc > 0.9 and params.lr = '0.01' and tags.team LIKE 'v%'",
                    "metrics.acc > 0.9 and params.lr = '0.001' and tags.team LIKE 'n%'",
                    null
                },
                new String[] {
                    "params.lr = '0.01' ORDER BY metrics.acc DESC",
                    "params.lr = '0.01'",
                    "params.lr = '0.001'",
                    "metrics.acc DESC"
                });
        for (int maxResults : new int[] {100, 1000}) {
            for (String[] c : cases) {
                List<String> order = c[3] == null ? List.of() : List.of(c[3]);
                long[] times = new long[30];
                int found = 0;
                for (int i = -6; i < times.length; i++) {
                    String filter = (i & 1) == 0 ? c[1] : c[2];
                    long t = System.nanoTime();
                    List<Run> runs = store.searchRuns(
                                    List.of(exp),
                                    filter,
                                    ViewType.ACTIVE_ONLY,
                                    maxResults,
                                    c[1] == null && (i & 1) == 1 ? List.of("attributes.start_time DESC") : order,
                                    null)
                            .items();
                    if (i >= 0) {
                        times[i] = System.nanoTime() - t;
                    }
                    found = runs.size();
                }
                Arrays.sort(times);
                System.out.printf(
                        "search max_results=%-5d %-65s p50 %6.1f ms  p95 %6.1f ms  (%d runs)%n",
                        maxResults,
                        c[0],
                        times[times.length / 2] / 1e6,
                        times[(int) (times.length * 0.95)] / 1e6,
                        found);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
