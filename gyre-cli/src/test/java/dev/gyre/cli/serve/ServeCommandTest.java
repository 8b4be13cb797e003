package dev.gyre.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.cli.CliContext;
import dev.gyre.cli.GyreCli;
import dev.gyre.cli.StopSignal;
import dev.gyre.core.deploy.Deployment;
import dev.gyre.core.deploy.DeploymentEvent;
import dev.gyre.core.deploy.DeploymentState;
import dev.gyre.model.frame.Column;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.frame.ValueKind;
import dev.gyre.model.pack.ModelPackage;
import dev.gyre.model.pack.Predictions;
import dev.gyre.model.pack.Signature;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.artifact.ArtifactPaths;
import dev.gyre.store.sql.SqlMetadataStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gyre serve} as a user runs it, on models the modeling stage trained: two versions of a Lending Club model are
 * trained with {@code gyre train} into a temporary {@code GYRE_HOME}, version 1 is promoted to {@code @champion}, and
 * {@code gyre serve models:/credit@champion} serves it over real loopback HTTP. The scores must be the package's own,
 * and promoting version 2 under load must switch the server over without a single failed request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LENDING_CLUB = Path.of(System.getProperty("gyre.shared.data"))
            .resolve("modeldata_lending_club.csv")
            .toAbsolutePath()
            .normalize();
    private static final Pattern URL = Pattern.compile("prediction server at (http://\\S+);");

    private Path dir;
    private final Latch stop = new Latch();
    private CompletableFuture<Integer> serving;
    private final StringWriter serveOut = new StringWriter();
    private final StringWriter serveErr = new StringWriter();
    private String base;
    private String grpcTarget;
    private final List<String> packageUris = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    void trainTwoVersionsAndServeTheChampion(@TempDir Path folder) throws Exception {
        dir = folder;
        for (String depth : List.of("3", "5")) {
            String out = gyre("train", project("credit", depth).toString());
            Matcher uri = Pattern.compile("as @challenger \\((mlflow-artifacts:[^)]+)\\)")
                    .matcher(out);
            assertThat(uri.find()).as(out).isTrue();
            packageUris.add(uri.group(1));
        }
        gyre("models", "promote", "credit", "1", "--alias", "champion", "--reason", "first release");

        CommandLine cli = GyreCli.create(context(stop));
        cli.setOut(new PrintWriter(serveOut, true));
        cli.setErr(new PrintWriter(serveErr, true));
        serving = CompletableFuture.supplyAsync(() -> cli.execute(
                "serve", "models:/credit@champion", "--port", "0", "--grpc-port", "0", "--poll-seconds", "1"));
        assertThat(stop.waiting.await(120, TimeUnit.SECONDS))
                .as(serveErr.toString())
                .isTrue();
        Matcher url = URL.matcher(serveOut.toString());
        assertThat(url.find()).as(serveOut.toString()).isTrue();
        base = url.group(1);
        Matcher grpc = Pattern.compile("gRPC \\(inference.GRPCInferenceService\\): (\\S+):(\\d+)")
                .matcher(serveOut.toString());
        assertThat(grpc.find()).as(serveOut.toString()).isTrue();
        grpcTarget = grpc.group(1) + ":" + grpc.group(2);
    }

    @AfterAll
    void stopServing() throws Exception {
        stop.stop.countDown();
        assertThat(stop.released.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(serving.get(30, TimeUnit.SECONDS)).as(serveErr.toString()).isZero();
        assertThat(serveOut.toString()).contains("Gyre prediction server stopped.");
    }

    @Test
    void theServerScoresExactlyAsThePackageDoesOverAllThreeProtocols() throws Exception {
        serveVersion("1");
        assertThat(serveOut.toString()).contains("Serving credit (models:/credit@champion, version ");
        List<Map<String, Object>> rows = loans(25);
        try (ModelPackage pack = ModelPackage.load(packageFolder(0))) {
            Predictions expected = pack.predict(frame(pack.manifest().signature(), rows));

            JsonNode mlflow =
                    postJson("/invocations", dataframeSplit(pack.manifest().signature(), rows));
            JsonNode predictions = mlflow.get("predictions");
            assertThat(predictions).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertThat(predictions.get(i).get("probability").asDouble())
                        .isEqualTo(expected.scores().probability(i));
                assertThat(predictions.get(i).get("label").asText()).isEqualTo(expected.labels()[i]);
            }

            JsonNode oip = postJson(
                    "/v2/models/credit/infer", oipRequest(pack.manifest().signature(), rows));
            assertThat(oip.get("model_version").asText()).isEqualTo("1");
            JsonNode probability = oip.get("outputs").get(0);
            assertThat(probability.get("name").asText()).isEqualTo("probability");
            for (int i = 0; i < rows.size(); i++) {
                assertThat(probability.get("data").get(i).asDouble())
                        .isEqualTo(expected.scores().probability(i));
            }
        }
        HttpResponse<String> bad =
                post("/invocations", "{\"dataframe_split\":{\"columns\":[\"colour\"],\"data\":[[1]]}}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("colour");
    }

    @Test
    void promotingANewVersionUnderLoadFailsNoRequest() throws Exception {
        serveVersion("1");
        List<Map<String, Object>> rows = loans(3);
        String request;
        try (ModelPackage pack = ModelPackage.load(packageFolder(0))) {
            request = oipRequest(pack.manifest().signature(), rows);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        Set<String> versions = ConcurrentHashMap.newKeySet();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> load = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                load.add(pool.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> response = post("/v2/models/credit/infer", request);
                            if (response.statusCode() == 200) {
                                versions.add(JSON.readTree(response.body())
                                        .get("model_version")
                                        .asText());
                                ok.incrementAndGet();
                            } else {
                                synchronized (failures) {
                                    failures.add(response.statusCode() + " " + response.body());
                                }
                            }
                        } catch (Exception e) {
                            synchronized (failures) {
                                failures.add(e.toString());
                            }
                        }
                    }
                    return null;
                }));
            }
            try {
                Thread.sleep(500);
                gyre("models", "promote", "credit", "2", "--alias", "champion", "--reason", "deeper trees");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!versions.contains("2") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(500);
            } finally {
                running.set(false);
            }
            for (Future<?> future : load) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(versions).containsExactlyInAnyOrder("1", "2");
        assertThat(ok.get()).isGreaterThan(20);
        JsonNode metadata = JSON.readTree(get("/v2/models/credit").body());
        assertThat(metadata.get("versions").get(0).asText()).isEqualTo("2");
        assertThat(get("/metrics").body()).contains("gyre_inference_requests_total{model=\"credit\",version=\"2\"}");
    }

    @Test
    void aCanaryThroughTheCliIsPromotedUnderLoadAndItsHistoryIsStored() throws Exception {
        String served = JSON.readTree(get("/v2/models/credit").body())
                .get("versions")
                .get(0)
                .asText();
        String other = served.equals("1") ? "2" : "1";
        List<Map<String, Object>> rows = loans(2);
        String request;
        try (ModelPackage pack = ModelPackage.load(packageFolder(0))) {
            request = oipRequest(pack.manifest().signature(), rows);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> failures = new ArrayList<>();
        Set<String> versions = ConcurrentHashMap.newKeySet();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<?>> load = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                load.add(pool.submit(() -> {
                    while (running.get()) {
                        HttpResponse<String> response = post("/v2/models/credit/infer", request);
                        if (response.statusCode() == 200) {
                            versions.add(JSON.readTree(response.body())
                                    .get("model_version")
                                    .asText());
                        } else {
                            synchronized (failures) {
                                failures.add(response.statusCode() + " " + response.body());
                            }
                        }
                    }
                    return null;
                }));
            }
            try {
                // A generous SLO: this test is about the flow; the latency judgement has tests of its own.
                String created = gyre(
                        "deployments",
                        "create",
                        "credit",
                        "models:/credit/" + other,
                        "--steps",
                        "50,100",
                        "--interval-seconds",
                        "3600",
                        "--min-requests",
                        "10",
                        "--p99-latency-ms",
                        "2000",
                        "--reason",
                        "canary of the other version",
                        "--url",
                        base);
                assertThat(created).contains("canary of version " + other, "candidate traffic: 50%");
                awaitCandidateRequests(12);
                assertThat(gyre("deployments", "analyse", "credit", "--url", base))
                        .contains("Analysis: advance — passed 50%");
                awaitCandidateRequests(12);
                assertThat(gyre("deployments", "analyse", "credit", "--url", base))
                        .contains("Analysis: promote — passed the last step (100%)");
                Thread.sleep(300);
            } finally {
                running.set(false);
            }
            for (Future<?> future : load) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(versions).contains(served, other);
        assertThat(JSON.readTree(get("/v2/models/credit").body())
                        .get("versions")
                        .get(0)
                        .asText())
                .isEqualTo(other);
        assertThat(gyre("deployments", "show", "--url", base)).contains("No rollout in progress.");

        try (MetadataStores stores =
                SqlMetadataStores.open("h2:" + dir.resolve("home/db/gyre"), "mlflow-artifacts:/")) {
            assertThat(stores.registry()
                            .getModelVersionByAlias("credit", "champion")
                            .version())
                    .isEqualTo(Long.parseLong(other));
            Deployment deployment =
                    stores.deployments().list("credit", 10, null).items().getFirst();
            assertThat(deployment.state()).isEqualTo(DeploymentState.PROMOTED);
            assertThat(stores.deployments().events(deployment.id()))
                    .extracting(DeploymentEvent::kind)
                    .containsExactly("created", "step", "promoted");
        }
    }

    /** Points @champion at {@code version} (when it is not there) and waits until the server follows. */
    private void serveVersion(String version) throws Exception {
        if (!servedVersion().equals(version)) {
            gyre("models", "promote", "credit", version, "--alias", "champion", "--reason", "test set-up");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!servedVersion().equals(version) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(servedVersion()).isEqualTo(version);
    }

    private String servedVersion() throws Exception {
        return JSON.readTree(get("/v2/models/credit").body())
                .get("versions")
                .get(0)
                .asText();
    }

    private void awaitCandidateRequests(long requests) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode deployment = JSON.readTree(
                            get("/api/2.0/gyre/deployments/get?model=credit").body())
                    .get("deployment");
            if (deployment.get("candidate_window").get("requests").asLong() >= requests) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the candidate got too few requests");
    }

    // ---- helpers

    private CliContext context(StopSignal signal) {
        return new CliContext(Map.of("GYRE_HOME", dir.resolve("home").toString()), dir, "tester", signal);
    }

    private String gyre(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GyreCli.create(context(new Latch()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertThat(code).as(String.join(" ", args) + "\n" + out + err).isZero();
        return out.toString();
    }

    private Path project(String name, String depth) throws Exception {
        Path file = Files.createDirectories(dir.resolve(name + "-" + depth)).resolve("gyre.yaml");
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
                  params: {max_depth: %s, eta: 0.2}
                baselines: [majority]
                targets:
                  quality: ["auc >= 0.5"]
                """.formatted(name, LENDING_CLUB, depth));
    }

    private Path packageFolder(int index) {
        return dir.resolve("home/artifacts").resolve(ArtifactPaths.proxiedRoot(packageUris.get(index)));
    }

    /** The first {@code count} loans, each column as DuckDB typed it. */
    private static List<Map<String, Object>> loans(int count) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery("SELECT * FROM read_csv_auto('" + LENDING_CLUB + "') LIMIT " + count)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                for (int c = 1; c <= columns; c++) {
                    row.put(result.getMetaData().getColumnName(c), result.getObject(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Frame frame(Signature signature, List<Map<String, Object>> rows) {
        List<Column> columns = new ArrayList<>();
        for (Signature.Field field : signature.inputs()) {
            if (field.kind() == ValueKind.STRING) {
                columns.add(new TextColumn(
                        field.name(),
                        rows.stream()
                                .map(r -> String.valueOf(r.get(field.name())))
                                .toArray(String[]::new)));
            } else {
                columns.add(new NumericColumn(
                        field.name(),
                        field.kind(),
                        rows.stream()
                                .mapToDouble(r -> ((Number) r.get(field.name())).doubleValue())
                                .toArray()));
            }
        }
        return Frame.of(columns);
    }

    private static String dataframeSplit(Signature signature, List<Map<String, Object>> rows) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode split = body.putObject("dataframe_split");
        ArrayNode columns = split.putArray("columns");
        signature.inputs().forEach(field -> columns.add(field.name()));
        ArrayNode data = split.putArray("data");
        for (Map<String, Object> row : rows) {
            ArrayNode values = data.addArray();
            for (Signature.Field field : signature.inputs()) {
                Object value = row.get(field.name());
                if (value instanceof Number number) {
                    values.add(number.doubleValue());
                } else {
                    values.add(String.valueOf(value));
                }
            }
        }
        return body.toString();
    }

    private static String oipRequest(Signature signature, List<Map<String, Object>> rows) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode inputs = body.putArray("inputs");
        for (Signature.Field field : signature.inputs()) {
            ObjectNode input = inputs.addObject();
            input.put("name", field.name());
            input.putArray("shape").add(rows.size());
            boolean text = field.kind() == ValueKind.STRING;
            input.put("datatype", text ? "BYTES" : "FP64");
            ArrayNode data = input.putArray("data");
            for (Map<String, Object> row : rows) {
                Object value = row.get(field.name());
                if (text) {
                    data.add(String.valueOf(value));
                } else {
                    data.add(((Number) value).doubleValue());
                }
            }
        }
        return body.toString();
    }

    private JsonNode postJson(String path, String body) throws Exception {
        HttpResponse<String> response = post(path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stands in for Ctrl-C: the test stops the server by hand. */
    private static final class Latch implements StopSignal {
        final CountDownLatch waiting = new CountDownLatch(1);
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);

        @Override
        public void awaitStop() throws InterruptedException {
            waiting.countDown();
            stop.await();
        }

        @Override
        public void stopped() {
            released.countDown();
        }
    }
}
