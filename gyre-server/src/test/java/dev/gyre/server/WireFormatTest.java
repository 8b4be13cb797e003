package dev.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gyre.server.HttpJson.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** MLflow's JSON as clients parse it: field names, types, defaults, non-finite numbers, long URLs, prefixes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireFormatTest {

    private static final String API = "/api/2.0/mlflow/";

    private TestServer server;
    private HttpJson http;
    private String experimentId;

    @BeforeAll
    void start() {
        server = TestServer.start(Backends.h2());
        http = server.http();
        experimentId = http.post(API + "experiments/create", "{\"name\": \"wire\"}")
                .json()
                .path("experiment_id")
                .asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String newRun() {
        return http.post(API + "runs/create", "{\"experiment_id\": \"" + experimentId + "\", \"start_time\": \"1000\"}")
                .json()
                .path("run")
                .path("info")
                .path("run_id")
                .asText();
    }

    @Test
    void runJsonHasMlflowsShape() {
        Answer created = http.post(
                API + "runs/create",
                "{\"experiment_id\": \"" + experimentId + "\", \"start_time\": 1234, \"run_name\": \"shape\"}");
        assertThat(created.status()).isEqualTo(200);
        JsonNode run = created.json().path("run");
        JsonNode info = run.path("info");
        assertThat(info.path("run_id").asText()).hasSize(32);
        assertThat(info.path("run_uuid").asText()).isEqualTo(info.path("run_id").asText());
        assertThat(info.path("experiment_id").isTextual()).isTrue();
        assertThat(info.path("start_time").isIntegralNumber()).isTrue();
        assertThat(info.path("start_time").asLong()).isEqualTo(1234);
        assertThat(info.has("end_time")).isFalse();
        assertThat(info.path("status").asText()).isEqualTo("RUNNING");
        assertThat(info.path("lifecycle_stage").asText()).isEqualTo("active");
        assertThat(info.path("run_name").asText()).isEqualTo("shape");
        assertThat(run.path("data").isObject()).isTrue();
        assertThat(run.path("inputs").isObject()).isTrue();

        Answer got = http.get(API + "runs/get?run_uuid=" + info.path("run_id").asText());
        assertThat(got.json().path("run").path("info").path("run_id").asText())
                .isEqualTo(info.path("run_id").asText());
    }

    @Test
    void experimentJsonHasMlflowsShape() {
        JsonNode experiment = http.get(API + "experiments/get?experiment_id=" + experimentId)
                .json()
                .path("experiment");
        assertThat(experiment.path("experiment_id").asText()).isEqualTo(experimentId);
        assertThat(experiment.path("name").asText()).isEqualTo("wire");
        assertThat(experiment.path("lifecycle_stage").asText()).isEqualTo("active");
        assertThat(experiment.path("creation_time").isIntegralNumber()).isTrue();
        assertThat(experiment.path("last_update_time").isIntegralNumber()).isTrue();
        JsonNode byName =
                http.get(API + "experiments/get-by-name?experiment_name=wire").json();
        assertThat(byName.path("experiment").path("experiment_id").asText()).isEqualTo(experimentId);
        Answer emptySearch = http.post(API + "experiments/search", "{\"filter\": \"name = 'no-such-thing'\"}");
        assertThat(emptySearch.text()).isEqualTo("{}");
    }

    @Test
    void int64FieldsAcceptStringsAndNumbers() {
        String runId = newRun();
        assertThat(http.post(
                                API + "runs/log-metric",
                                "{\"run_id\": \"" + runId
                                        + "\", \"key\": \"m\", \"value\": \"0.5\", \"timestamp\": \"1700000000000\", \"step\": \"7\"}")
                        .status())
                .isEqualTo(200);
        assertThat(http.post(
                                API + "runs/log-metric",
                                "{\"run_uuid\": \"" + runId
                                        + "\", \"key\": \"m\", \"value\": 1.5, \"timestamp\": 1700000000001, \"step\": 8}")
                        .status())
                .isEqualTo(200);
        JsonNode history = http.get(API + "metrics/get-history?run_id=" + runId + "&metric_key=m")
                .json()
                .path("metrics");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("step").asLong()).isEqualTo(7);
        assertThat(history.get(0).path("timestamp").isIntegralNumber()).isTrue();
        assertThat(history.get(0).path("value").asDouble()).isEqualTo(0.5);
    }

    @Test
    void nonFiniteMetricValuesRoundTripAsMlflowWritesThem() {
        String runId = newRun();
        String batch = "{\"run_id\": \"" + runId + "\", \"metrics\": ["
                + "{\"key\": \"a\", \"value\": \"NaN\", \"timestamp\": 1},"
                + "{\"key\": \"b\", \"value\": \"Infinity\", \"timestamp\": 1},"
                + "{\"key\": \"c\", \"value\": \"-Infinity\", \"timestamp\": 1},"
                + "{\"key\": \"d\", \"value\": NaN, \"timestamp\": 1}]}";
        assertThat(http.post(API + "runs/log-batch", batch).status()).isEqualTo(200);
        Answer run = http.get(API + "runs/get?run_id=" + runId);
        assertThat(run.text())
                .contains("\"value\":\"NaN\"")
                .contains("\"value\":\"Infinity\"")
                .contains("\"value\":\"-Infinity\"");
        for (JsonNode metric : run.json().path("run").path("data").path("metrics")) {
            String expected =
                    switch (metric.path("key").asText()) {
                        case "a", "d" -> "NaN";
                        case "b" -> "Infinity";
                        default -> "-Infinity";
                    };
            assertThat(metric.path("value").asText()).isEqualTo(expected);
        }
    }

    @Test
    void getUrlsOverEightKilobytesAreServed() {
        String longName = "x".repeat(9000);
        String filter = URLEncoder.encode("name = '" + longName + "'", StandardCharsets.UTF_8);
        Answer experiments = http.get(API + "experiments/search?filter=" + filter);
        assertThat(experiments.status()).as(experiments.text()).isEqualTo(200);

        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            runIds.add(newRun());
        }
        StringBuilder query =
                new StringBuilder(API.replace("/api/", "/ajax-api/") + "metrics/get-history-bulk?metric_key=m");
        runIds.forEach(id -> query.append("&run_id=").append(id));
        StringBuilder runsSearch = new StringBuilder(API + "runs/search?max_results=5");
        for (int i = 0; i < 150; i++) {
            runsSearch.append("&experiment_ids=").append(experimentId);
        }
        runsSearch
                .append("&filter=")
                .append(URLEncoder.encode("attributes.run_name = '" + "y".repeat(6000) + "'", StandardCharsets.UTF_8));
        assertThat(runsSearch.length()).isGreaterThan(8192);
        Answer runs = http.get(runsSearch.toString());
        assertThat(runs.status()).as(runs.text()).isEqualTo(200);

        http.post(
                API + "runs/log-metric",
                "{\"run_id\": \"" + runIds.get(99) + "\", \"key\": \"m\", \"value\": 3, \"timestamp\": 5}");
        Answer bulk = http.get(query.toString());
        assertThat(bulk.status()).as(bulk.text()).isEqualTo(200);
        assertThat(bulk.json().path("metrics"))
                .singleElement()
                .satisfies(m -> assertThat(m.path("run_id").asText()).isEqualTo(runIds.get(99)));
    }

    @Test
    void ajaxApiPrefixServesTheSameApi() {
        Answer answer = http.get("/ajax-api/2.0/mlflow/experiments/get?experiment_id=" + experimentId);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("experiment").path("name").asText()).isEqualTo("wire");
    }

    @Test
    void logModelAppendsToTheRunsHistoryTag() {
        String runId = newRun();
        for (int i = 0; i < 2; i++) {
            Answer answer = http.post(
                    API + "runs/log-model",
                    "{\"run_id\": \"" + runId + "\", \"model_json\": \"{\\\"artifact_path\\\": \\\"model" + i
                            + "\\\"}\"}");
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        }
        JsonNode tags = http.get(API + "runs/get?run_id=" + runId)
                .json()
                .path("run")
                .path("data")
                .path("tags");
        String history = null;
        for (JsonNode tag : tags) {
            if (tag.path("key").asText().equals("mlflow.log-model.history")) {
                history = tag.path("value").asText();
            }
        }
        assertThat(history).contains("model0").contains("model1");
    }

    @Test
    void registryJsonHasMlflowsShape() {
        assertThat(http.post(API + "registered-models/create", "{\"name\": \"shape-model\"}")
                        .status())
                .isEqualTo(200);
        JsonNode version = http.post(
                        API + "model-versions/create",
                        "{\"name\": \"shape-model\", \"source\": \"mlflow-artifacts:/0/r/artifacts/model\"}")
                .json()
                .path("model_version");
        assertThat(version.path("version").isTextual()).isTrue();
        assertThat(version.path("version").asText()).isEqualTo("1");
        assertThat(version.path("current_stage").asText()).isEqualTo("None");
        assertThat(version.path("status").asText()).isEqualTo("READY");
        assertThat(version.path("creation_timestamp").isIntegralNumber()).isTrue();
        assertThat(http.post(
                                API + "registered-models/alias",
                                "{\"name\": \"shape-model\", \"alias\": \"prod\", \"version\": \"1\"}")
                        .status())
                .isEqualTo(200);
        JsonNode model =
                http.get(API + "registered-models/get?name=shape-model").json().path("registered_model");
        assertThat(model.path("aliases").get(0).path("alias").asText()).isEqualTo("prod");
        assertThat(model.path("aliases").get(0).path("version").asText()).isEqualTo("1");
        assertThat(http.delete(API + "registered-models/alias?name=shape-model&alias=prod")
                        .status())
                .isEqualTo(200);
        JsonNode search = http.get(API + "registered-models/search?filter="
                        + URLEncoder.encode("name = 'shape-model'", StandardCharsets.UTF_8))
                .json();
        assertThat(search.path("registered_models")).hasSize(1);
        assertThat(search.path("registered_models").get(0).has("aliases")).isFalse();
    }

    @Test
    void localModelSourcesOutsideTheRunAreRefused() {
        http.post(API + "registered-models/create", "{\"name\": \"sourced\"}");
        for (String source : List.of(
                "/etc/passwd",
                "file:///etc/passwd",
                "../../secret",
                "mlflow-artifacts:/0/%2e%2e/%2e%2e/x",
                "http://host/a/%252e%252e/b",
                "s3://b/k/../../x")) {
            Answer answer =
                    http.post(API + "model-versions/create", "{\"name\": \"sourced\", \"source\": \"" + source + "\"}");
            assertThat(answer.status()).as(source).isEqualTo(400);
            assertThat(answer.json().path("message").asText()).contains("Invalid model version source");
        }
    }
}
