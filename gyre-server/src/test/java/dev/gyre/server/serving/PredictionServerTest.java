package dev.gyre.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.serve.TestModels;
import dev.gyre.serve.batch.BatchSettings;
import dev.gyre.serve.inference.InferenceService;
import dev.gyre.serve.log.PredictionLog;
import dev.gyre.serve.repository.ModelLoader;
import dev.gyre.serve.repository.ModelRepository;
import dev.gyre.serve.repository.ModelSource;
import dev.gyre.serve.rollout.RolloutManager;
import dev.gyre.serve.rollout.RolloutRecorder;
import dev.gyre.server.metrics.ServerMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prediction server over real loopback HTTP: a Gyre package ("shapes") and a bare XGBoost model ("reg"). */
class PredictionServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static ServerMetrics metrics;
    private static ModelRepository repository;
    private static PredictionServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        Path shapes = TestModels.binaryPackage(dir.resolve("shapes"), 6);
        Path reg = dir.resolve("reg.ubj");
        Files.write(reg, TestModels.bareRegressionModel());
        metrics = new ServerMetrics();
        ServingMetrics serving = new ServingMetrics(metrics.registry());
        repository = ModelRepository.open(
                List.of(
                        new ModelRepository.Entry("shapes", ModelSource.parse(shapes.toString())),
                        new ModelRepository.Entry("reg", ModelSource.parse(reg.toString()))),
                new ModelLoader(null, null),
                BatchSettings.DEFAULTS,
                serving,
                Duration.ZERO);
        server = PredictionServer.start(
                PredictionServer.Options.defaults(0),
                new InferenceService(repository, serving, PredictionLog.NONE, 1000),
                repository,
                metrics,
                "test",
                new RolloutManager(repository, RolloutRecorder.unrecorded(), null));
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        server.close();
        repository.close();
        metrics.close();
    }

    @Test
    void healthAndMetadataFollowTheProtocol() throws Exception {
        assertThat(get("/v2/health/live").body()).isEqualTo("{\"live\":true}");
        assertThat(get("/v2/health/ready").statusCode()).isEqualTo(200);
        JsonNode server = JSON.readTree(get("/v2").body());
        assertThat(server.get("name").asText()).isEqualTo("gyre");

        JsonNode model = JSON.readTree(get("/v2/models/shapes").body());
        assertThat(model.get("name").asText()).isEqualTo("shapes");
        assertThat(model.get("versions").get(0).asText()).isEqualTo("1");
        assertThat(model.get("platform").asText()).isEqualTo("gyre_package");
        assertThat(model.get("inputs").toString())
                .contains("\"name\":\"size\"", "\"datatype\":\"FP64\"", "\"name\":\"shape\"", "\"datatype\":\"BYTES\"");
        assertThat(get("/v2/models/shapes/versions/1/ready").statusCode()).isEqualTo(200);
        assertThat(get("/v2/models/reg/ready").statusCode()).isEqualTo(200);

        HttpResponse<String> unknown = get("/v2/models/nope/ready");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText())
                .isEqualTo("model 'nope' is not served here; served: shapes, reg");
        HttpResponse<String> wrongVersion = get("/v2/models/shapes/versions/7");
        assertThat(wrongVersion.statusCode()).isEqualTo(404);
        assertThat(wrongVersion.body()).contains("version '7' is not served (serving version 1)");
    }

    @Test
    void oipInferScoresThePackageAndTheBareModel() throws Exception {
        HttpResponse<String> response = post(
                "/v2/models/shapes/infer",
                "application/json",
                "{\"id\":\"r1\",\"inputs\":[{\"name\":\"size\",\"shape\":[3],\"datatype\":\"FP64\",\"data\":[9,1,2]},"
                        + "{\"name\":\"shape\",\"shape\":[3],\"datatype\":\"BYTES\",\"data\":[\"round\",\"square\",\"star\"]}]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("id").asText()).isEqualTo("r1");
        assertThat(body.get("model_name").asText()).isEqualTo("shapes");
        assertThat(body.get("model_version").asText()).isEqualTo("1");
        JsonNode label = body.get("outputs").get(1);
        assertThat(label.get("name").asText()).isEqualTo("label");
        assertThat(label.get("data").toString()).isEqualTo("[\"yes\",\"no\",\"yes\"]");
        assertThat(body.get("outputs").get(0).get("data").get(0).asDouble()).isGreaterThan(0.5);

        HttpResponse<String> reg = post(
                "/v2/models/reg/infer",
                "application/json",
                "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[2,3],\"datatype\":\"FP32\",\"data\":[[4,1,0],[9,6,2]]}],"
                        + "\"outputs\":[{\"name\":\"predict\"}]}");
        assertThat(reg.statusCode()).as(reg.body()).isEqualTo(200);
        JsonNode predictions = JSON.readTree(reg.body()).get("outputs").get(0).get("data");
        assertThat(predictions.get(0).asDouble()).isCloseTo(7.0, org.assertj.core.data.Offset.offset(0.5));
        assertThat(predictions.get(1).asDouble()).isCloseTo(12.0, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void mlflowInvocationsNeedOneModelAndSayWhich() throws Exception {
        HttpResponse<String> response = post(
                "/invocations",
                "application/json",
                "{\"dataframe_split\":{\"columns\":[\"size\",\"shape\"],\"data\":[[9,\"round\"]]}}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("INVALID_PARAMETER_VALUE", "serves 2 models (shapes, reg)");
    }

    @Test
    void badRequestsGetPreciseErrorsAndTheServerKeepsServing() throws Exception {
        assertError(post("/v2/models/shapes/infer", "application/json", "{\"inputs\":[{\"name\":\"size\""), 400, "");
        assertError(
                post(
                        "/v2/models/shapes/infer",
                        "application/json",
                        "{\"inputs\":[{\"name\":\"size\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[1]}]}"),
                400,
                "missing input 'shape'");
        assertError(
                post(
                        "/v2/models/reg/infer",
                        "application/json",
                        "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}"),
                400,
                "input 'input-0' has shape [1, 4] but the model takes [-1, 3]");
        assertError(
                post(
                        "/v2/models/reg/infer",
                        "application/json",
                        "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[1,2,3]}],"
                                + "\"outputs\":[{\"name\":\"proba\"}]}"),
                400,
                "unknown output 'proba'; the model gives predict");
        assertError(
                post(
                        "/v2/models/reg/infer",
                        "application/json",
                        "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[2000,3],\"datatype\":\"FP32\",\"data\":"
                                + zeros(6000) + "}]}"),
                400,
                "the request has 2000 rows; this server takes at most 1000");
        assertThat(post("/v2/models/reg/predict", "application/json", "{}").statusCode())
                .isEqualTo(404);
        assertThat(get("/v2/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCountRequestsPerModelAndVersion() throws Exception {
        post(
                "/v2/models/reg/infer",
                "application/json",
                "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[1,2,3]}]}");
        String scrape = get("/metrics").body();
        assertThat(scrape)
                .contains("gyre_inference_requests_total{model=\"reg\",version=\"1\"}")
                .contains("gyre_inference_latency_seconds_bucket{model=\"reg\"")
                .contains("gyre_batch_rows")
                .contains("gyre_model_load_seconds{model=\"shapes\",version=\"1\"}")
                .contains("gyre_queue_depth{model=\"reg\"}");
    }

    @Test
    void rolloutsAreStartedWatchedAndEndedOverRestWithPreciseErrors() throws Exception {
        Path candidate = TestModels.binaryPackage(dir.resolve("shapes-candidate"), 12);
        HttpResponse<String> bad = post(
                "/api/2.0/gyre/deployments/create",
                "application/json",
                "{\"model\":\"shapes\",\"candidate\":\"" + candidate + "\",\"mode\":\"blue-green\",\"reason\":\"x\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown rollout mode 'blue-green' (expected canary, shadow or ab)");
        HttpResponse<String> badSteps = post(
                "/api/2.0/gyre/deployments/create",
                "application/json",
                "{\"model\":\"shapes\",\"candidate\":\"" + candidate + "\",\"steps\":[50,20],\"reason\":\"x\"}");
        assertThat(badSteps.statusCode()).isEqualTo(400);
        assertThat(badSteps.body()).contains("traffic steps must increase within 1..100 percent");
        HttpResponse<String> noReason = post(
                "/api/2.0/gyre/deployments/create",
                "application/json",
                "{\"model\":\"shapes\",\"candidate\":\"" + candidate + "\"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(get("/api/2.0/gyre/deployments/get?model=shapes").statusCode())
                .isEqualTo(404);

        HttpResponse<String> created = post(
                "/api/2.0/gyre/deployments/create",
                "application/json",
                "{\"model\":\"shapes\",\"candidate\":\"" + candidate
                        + "\",\"mode\":\"ab\",\"weight\":30,\"reason\":\"compare\",\"actor\":\"tester\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode deployment = JSON.readTree(created.body()).get("deployment");
        assertThat(deployment.get("mode").asText()).isEqualTo("ab");
        assertThat(deployment.get("candidate_weight_percent").asInt()).isEqualTo(30);
        HttpResponse<String> again = post(
                "/api/2.0/gyre/deployments/create",
                "application/json",
                "{\"model\":\"shapes\",\"candidate\":\"" + candidate + "\",\"reason\":\"again\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("already has a rollout in progress (ab, deployment");
        assertThat(JSON.readTree(get("/api/2.0/gyre/deployments/list").body()).get("deployments"))
                .hasSize(1);

        HttpResponse<String> aborted = post(
                "/api/2.0/gyre/deployments/abort", "application/json", "{\"model\":\"shapes\",\"reason\":\"done\"}");
        assertThat(aborted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get("/api/2.0/gyre/deployments/list").body()).get("deployments"))
                .isEmpty();
        assertThat(post(
                                "/api/2.0/gyre/deployments/promote",
                                "application/json",
                                "{\"model\":\"shapes\",\"reason\":\"x\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anOversizedBodyIsRefusedAndTheServerKeepsServing() throws Exception {
        HttpResponse<String> response = post("/v2/models/reg/infer", "application/json", "x".repeat(70 << 20));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(get("/v2/health/live").statusCode()).isEqualTo(200);
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains(message);
    }

    private static String zeros(int count) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "0" : ",0");
        }
        return text.append(']').toString();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
