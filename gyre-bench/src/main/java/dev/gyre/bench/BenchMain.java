package dev.gyre.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Param;
import dev.gyre.core.tracking.Tag;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.TrackingStore;
import dev.gyre.store.sql.SqlMetadataStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The Java half of {@code bench/tracking.sh}: the parts of the tracking benchmark that wrk cannot do — creating
 * the runs wrk writes to, populating many runs with bounded concurrency, and timing sequential search requests.
 *
 * <p>Commands (all arguments {@code --name value}):
 *
 * <ul>
 *   <li>{@code setup --url U [--spread-runs N]} — creates an experiment, a run for each wrk script and N more
 *       runs for log-batch spread over many runs; prints {@code KEY=value} lines for the shell.
 *   <li>{@code populate (--url U | --store-uri S) --experiment-name N --runs R [--concurrency C]} — creates R runs
 *       of {@link RunCorpus} content, over HTTP (2 requests per run) or straight into the store (server stopped).
 *   <li>{@code search --url U --big-experiment ID --big-runs R --small-experiment ID [--requests N] [--warmup W]}
 *       — sequential search latency percentiles.
 *   <li>{@code count-history --url U --run-id R[,R2...] --key K} — how many values a metric has (summed over the
 *       runs), to check that no acknowledged write was lost.
 * </ul>
 *
 * {@code --results F} appends result rows ({@code name TAB value TAB target TAB mlflow TAB note}) for the table.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: BenchMain setup|populate|search|count-history --name value ...");
        }
        Map<String, String> opts = parse(args);
        switch (args[0]) {
            case "setup" -> setup(opts);
            case "populate" -> populate(opts);
            case "search" -> search(opts);
            case "count-history" -> {
                MlflowHttp http = new MlflowHttp(required(opts, "url"));
                long total = 0;
                for (String runId : required(opts, "run-id").split(",")) {
                    total += countHistory(http, runId, required(opts, "key"));
                }
                System.out.println(total);
            }
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static void setup(Map<String, String> opts) {
        MlflowHttp http = new MlflowHttp(required(opts, "url"));
        ObjectNode create = http.object().put("name", "bench-writes-" + System.currentTimeMillis());
        String experimentId =
                http.post("experiments/create", create).path("experiment_id").asText();
        System.out.println("EXPERIMENT_ID=" + experimentId);
        System.out.println("METRIC_RUN_ID=" + createRun(http, experimentId, "wrk-log-metric"));
        System.out.println("BATCH_RUN_ID=" + createRun(http, experimentId, "wrk-log-batch"));
        int spread = Integer.parseInt(opts.getOrDefault("spread-runs", "32"));
        List<String> spreadRuns = new ArrayList<>();
        for (int i = 0; i < spread; i++) {
            spreadRuns.add(createRun(http, experimentId, "wrk-log-batch-spread-" + i));
        }
        System.out.println("SPREAD_RUN_IDS=" + String.join(",", spreadRuns));
    }

    private static String createRun(MlflowHttp http, String experimentId, String name) {
        ObjectNode body = http.object()
                .put("experiment_id", experimentId)
                .put("run_name", name)
                .put("start_time", System.currentTimeMillis());
        return http.post("runs/create", body)
                .path("run")
                .path("info")
                .path("run_id")
                .asText();
    }

    private static void populate(Map<String, String> opts) {
        int runs = Integer.parseInt(opts.getOrDefault("runs", "100000"));
        int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "16"));
        String name = required(opts, "experiment-name");
        long started = System.nanoTime();
        String experimentId;
        String via;
        if (opts.containsKey("store-uri")) {
            via = "store";
            try (MetadataStores stores = SqlMetadataStores.open(opts.get("store-uri"), "mlflow-artifacts:/")) {
                TrackingStore tracking = stores.tracking();
                experimentId = tracking.createExperiment(name, null, List.of());
                runBounded(runs, concurrency, i -> {
                    RunCorpus run = RunCorpus.of(i);
                    String runId = tracking.createRun(experimentId, "bench", run.startTime(), run.tags(), run.runName())
                            .info()
                            .runId();
                    tracking.logBatch(runId, run.metrics(), run.params(), List.of());
                });
            }
        } else {
            via = "http";
            MlflowHttp http = new MlflowHttp(required(opts, "url"));
            experimentId = http.post("experiments/create", http.object().put("name", name))
                    .path("experiment_id")
                    .asText();
            runBounded(runs, concurrency, i -> populateOverHttp(http, experimentId, RunCorpus.of(i)));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf(
                Locale.ROOT,
                "populated %d runs via %s in %.1f s (%.0f runs/s, concurrency %d)%n",
                runs,
                via,
                seconds,
                runs / seconds,
                concurrency);
        System.out.println("EXPERIMENT_ID=" + experimentId);
        result(
                opts,
                "populate " + runs + " runs via " + via + " (runs/s)",
                fmt(runs / seconds),
                "-",
                "-",
                String.format(
                        Locale.ROOT,
                        "%.1f s, %d in flight%s",
                        seconds,
                        concurrency,
                        via.equals("http") ? ", 2 requests/run" : ", server stopped"));
    }

    private static void populateOverHttp(MlflowHttp http, String experimentId, RunCorpus run) {
        ObjectNode create = http.object()
                .put("experiment_id", experimentId)
                .put("run_name", run.runName())
                .put("user_id", "bench")
                .put("start_time", run.startTime());
        addTags(create.putArray("tags"), run.tags());
        String runId = http.post("runs/create", create)
                .path("run")
                .path("info")
                .path("run_id")
                .asText();
        ObjectNode batch = http.object().put("run_id", runId);
        ArrayNode metrics = batch.putArray("metrics");
        for (Metric m : run.metrics()) {
            metrics.addObject()
                    .put("key", m.key())
                    .put("value", m.value())
                    .put("timestamp", m.timestamp())
                    .put("step", m.step());
        }
        ArrayNode params = batch.putArray("params");
        for (Param p : run.params()) {
            params.addObject().put("key", p.key()).put("value", p.value());
        }
        http.post("runs/log-batch", batch);
    }

    private static void addTags(ArrayNode array, List<Tag> tags) {
        for (Tag t : tags) {
            array.addObject().put("key", t.key()).put("value", t.value());
        }
    }

    /** Runs {@code task(0..count-1)} on virtual threads with at most {@code concurrency} in flight; fails fast. */
    private static void runBounded(int count, int concurrency, Consumer<Integer> task) {
        Semaphore permits = new Semaphore(concurrency);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        int progressEvery = Math.max(1, count / 10);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count && failure.get() == null; i++) {
                permits.acquireUninterruptibly();
                int index = i;
                executor.execute(() -> {
                    try {
                        task.accept(index);
                        int n = done.incrementAndGet();
                        if (n % progressEvery == 0) {
                            System.err.printf("  %d/%d%n", n, count);
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        permits.release();
                    }
                });
            }
            executor.shutdown();
            awaitQuietly(executor);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("population failed after " + done.get() + " runs", failure.get());
        }
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(1, TimeUnit.HOURS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void search(Map<String, String> opts) {
        MlflowHttp http = new MlflowHttp(required(opts, "url"));
        int requests = Integer.parseInt(opts.getOrDefault("requests", "30"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "3"));
        String big = required(opts, "big-experiment");
        int bigRuns = Integer.parseInt(required(opts, "big-runs"));
        String small = required(opts, "small-experiment");
        int smallRuns = Integer.parseInt(opts.getOrDefault("small-runs", "500"));

        int matching = 0;
        for (int i = 0; i < bigRuns; i++) {
            matching += RunCorpus.of(i).matchesFilter() ? 1 : 0;
        }
        int expected = Math.min(100, matching);

        ObjectNode filtered = searchBody(http, big, RunCorpus.FILTER, 100);
        Latencies l1 = time(http, filtered, requests, warmup, response -> checkFiltered(response, expected));
        row(opts, "search filter, " + bigRuns + " runs, max 100 (" + matching + " match)", l1, "p50 <= 100 ms", "-");

        ObjectNode ordered = searchBody(http, big, RunCorpus.FILTER, 100);
        ordered.putArray("order_by").add("metrics.auc DESC");
        Latencies l2 = time(http, ordered, requests, warmup, response -> {
            checkFiltered(response, expected);
            checkDescending(response);
        });
        row(opts, "search filter + order_by metrics.auc DESC, " + bigRuns + " runs", l2, "-", "-");

        ObjectNode firstPage = searchBody(http, big, null, 500);
        Latencies l3 = time(http, firstPage, requests, warmup, response -> checkCount(response, 500));
        row(opts, "search no filter, " + bigRuns + " runs, max 500", l3, "-", "-");

        ObjectNode all = searchBody(http, small, null, smallRuns);
        Latencies l4 = time(http, all, requests, warmup, response -> checkCount(response, smallRuns));
        row(opts, "search all of a " + smallRuns + "-run experiment", l4, "-", "~1000 ms");
    }

    private static ObjectNode searchBody(MlflowHttp http, String experimentId, String filter, int maxResults) {
        ObjectNode body = http.object();
        body.putArray("experiment_ids").add(experimentId);
        if (filter != null) {
            body.put("filter", filter);
        }
        body.put("run_view_type", "ACTIVE_ONLY");
        body.put("max_results", maxResults);
        return body;
    }

    /** Times {@code requests} sequential searches after {@code warmup} untimed ones, checking every answer. */
    private static Latencies time(
            MlflowHttp http, ObjectNode body, int requests, int warmup, Consumer<JsonNode> check) {
        for (int i = 0; i < warmup; i++) {
            check.accept(http.post("runs/search", body));
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            JsonNode response = http.post("runs/search", body);
            nanos[i] = System.nanoTime() - t0;
            check.accept(response);
        }
        return Latencies.of(nanos);
    }

    private static void checkCount(JsonNode response, int expected) {
        int got = response.path("runs").size();
        if (got != expected) {
            throw new IllegalStateException("search returned " + got + " runs, expected " + expected);
        }
    }

    private static void checkFiltered(JsonNode response, int expected) {
        checkCount(response, expected);
        for (JsonNode run : response.path("runs")) {
            Map<String, String> params = keyValues(run.path("data").path("params"));
            Map<String, String> metrics = keyValues(run.path("data").path("metrics"));
            double auc = Double.parseDouble(metrics.getOrDefault("auc", "NaN"));
            if (!"xgb".equals(params.get("model")) || !(auc > 0.8)) {
                throw new IllegalStateException("search returned a run outside the filter: " + run);
            }
        }
    }

    private static void checkDescending(JsonNode response) {
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode run : response.path("runs")) {
            double auc = Double.parseDouble(
                    keyValues(run.path("data").path("metrics")).get("auc"));
            if (auc > previous) {
                throw new IllegalStateException("order_by metrics.auc DESC not honoured");
            }
            previous = auc;
        }
    }

    private static Map<String, String> keyValues(JsonNode array) {
        Map<String, String> map = new HashMap<>();
        for (JsonNode entry : array) {
            map.put(entry.path("key").asText(), entry.path("value").asText());
        }
        return map;
    }

    private static long countHistory(MlflowHttp http, String runId, String key) {
        long count = 0;
        String token = null;
        do {
            Map<String, String> query =
                    new HashMap<>(Map.of("run_id", runId, "metric_key", key, "max_results", "25000"));
            if (token != null) {
                query.put("page_token", token);
            }
            JsonNode page = http.get("metrics/get-history", query);
            count += page.path("metrics").size();
            token = page.hasNonNull("next_page_token")
                            && !page.path("next_page_token").asText().isEmpty()
                    ? page.path("next_page_token").asText()
                    : null;
        } while (token != null);
        return count;
    }

    private static void row(Map<String, String> opts, String name, Latencies l, String target, String mlflow) {
        String value = String.format(
                Locale.ROOT,
                "p50 %.1f / p90 %.1f / p99 %.1f ms",
                l.percentileMs(50),
                l.percentileMs(90),
                l.percentileMs(99));
        System.err.println(name + ": " + value);
        result(opts, name, value, target, mlflow, l.count() + " sequential requests");
    }

    private static void result(
            Map<String, String> opts, String name, String value, String target, String mlflow, String note) {
        String file = opts.get("results");
        if (file == null) {
            return;
        }
        String line = String.join("\t", name, value, target, mlflow, note) + "\n";
        try {
            Files.writeString(
                    Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        for (int i = 0; i < rest.size(); i += 2) {
            String name = rest.get(i);
            if (!name.startsWith("--") || i + 1 >= rest.size()) {
                throw new IllegalArgumentException("expected --name value, got " + name);
            }
            opts.put(name.substring(2), rest.get(i + 1));
        }
        return opts;
    }

    private static String required(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }
}
