package dev.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.server.HttpJson.Answer;
import java.net.http.HttpRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad requests over raw HTTP: each gets MLflow's JSON error with the exact status and error code, is refused
 * before the store is touched, and leaves the server serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestValidationTest {

    private static final String API = "/api/2.0/mlflow/";

    private TestServer server;
    private HttpJson http;
    private String runId;

    @BeforeAll
    void start() {
        server = TestServer.start(Backends.h2());
        http = server.http();
        runId = http.post(API + "runs/create", "{\"experiment_id\": \"0\"}")
                .json()
                .path("run")
                .path("info")
                .path("run_id")
                .asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @AfterEach
    void serverStillServes() {
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                // missing required fields, in MLflow's words
                Arguments.of(
                        "experiments/create",
                        "{}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "Missing value for required parameter 'name'"),
                Arguments.of(
                        "experiments/create",
                        "{\"name\": \"\"}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "Missing value for required parameter 'name'"),
                Arguments.of(
                        "runs/log-metric",
                        "{\"key\": \"k\", \"value\": 1, \"timestamp\": 1}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "Missing value for required parameter 'run_id'"),
                Arguments.of(
                        "runs/log-batch",
                        "{\"run_id\": \"RUN\", \"metrics\": [{\"key\": \"k\", \"value\": 1}]}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "Missing value for required parameter 'metrics[0].timestamp'"),
                // wrong JSON types, naming the field and the expected type
                Arguments.of(
                        "experiments/create",
                        "{\"name\": 42}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "parameter 'name' supplied: expected a string"),
                Arguments.of(
                        "runs/log-metric",
                        "{\"run_id\": \"RUN\", \"key\": \"k\", \"value\": \"high\", \"timestamp\": 1}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "parameter 'value' supplied: expected a double"),
                Arguments.of(
                        "runs/log-metric",
                        "{\"run_id\": \"RUN\", \"key\": \"k\", \"value\": 1, \"timestamp\": 1.5}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "parameter 'timestamp' supplied: expected a 64-bit integer"),
                Arguments.of(
                        "runs/log-metric",
                        "{\"run_id\": \"RUN\", \"key\": \"k\", \"value\": 1, \"timestamp\": \"soon\"}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "parameter 'timestamp' supplied: expected a 64-bit integer"),
                Arguments.of(
                        "runs/search",
                        "{\"experiment_ids\": \"0\", \"max_results\": true}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "parameter 'max_results' supplied"),
                Arguments.of(
                        "runs/search",
                        "{\"experiment_ids\": [0]}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "parameter 'experiment_ids' supplied: expected an array of strings"),
                Arguments.of(
                        "runs/log-batch",
                        "{\"run_id\": \"RUN\", \"metrics\": {}}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "parameter 'metrics' supplied: expected an array of objects"),
                Arguments.of(
                        "runs/update",
                        "{\"run_id\": \"RUN\", \"status\": \"SLEEPING\"}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "parameter 'status'"),
                Arguments.of(
                        "experiments/search",
                        "{\"view_type\": \"SOME\"}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "parameter 'view_type'"),
                // unknown fields, named
                Arguments.of(
                        "experiments/create",
                        "{\"name\": \"x\", \"colour\": \"red\"}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "unknown parameter 'colour'"),
                Arguments.of(
                        "runs/log-batch",
                        "{\"run_id\": \"RUN\", \"params\": [{\"key\": \"a\", \"vale\": \"b\"}]}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "unknown parameter 'params[0].vale'"),
                // malformed JSON
                Arguments.of("experiments/create", "{\"name\": ", 400, "MALFORMED_REQUEST", "not valid JSON"),
                Arguments.of("experiments/create", "[1, 2]", 400, "MALFORMED_REQUEST", "must be a JSON object"),
                Arguments.of(
                        "experiments/create", "{\"name\": \"a\"} trailing", 400, "MALFORMED_REQUEST", "not valid JSON"),
                // store-side validation and errors keep MLflow's codes
                Arguments.of("runs/get-missing", "{}", 404, "ENDPOINT_NOT_FOUND", "No API endpoint"),
                Arguments.of(
                        "experiments/delete", "{\"experiment_id\": \"987654\"}", 404, "RESOURCE_DOES_NOT_EXIST", ""),
                Arguments.of(
                        "experiments/create",
                        "{\"name\": \"x\", \"artifact_location\": \"http://h/a#/../../etc\"}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "fragments or params"),
                Arguments.of(
                        "experiments/create",
                        "{\"name\": \"x\", \"artifact_location\": \"mlflow-artifacts:/%252e%252e/%252e%252e/etc\"}",
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "'..'"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badBodies")
    void badBodiesGetMlflowErrors(String endpoint, String body, int status, String errorCode, String message) {
        Answer answer = http.post(API + endpoint, body.replace("RUN", runId));
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.errorCode()).isEqualTo(errorCode);
        assertThat(answer.json().path("message").asText()).contains(message);
    }

    @Test
    void missingRequiredFieldIsWordedAsMlflowWordsIt() {
        Answer answer = http.post(API + "experiments/create", "{}");
        assertThat(answer.json().path("message").asText())
                .isEqualTo("Missing value for required parameter 'name'."
                        + " See the API docs for more information about request parameters.");
    }

    @Test
    void getParametersAreValidatedToo() {
        Answer missing = http.get(API + "runs/get");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("message").asText()).contains("'run_id'");
        Answer badInt = http.get(API + "metrics/get-history?run_id=" + runId + "&metric_key=m&max_results=lots");
        assertThat(badInt.status()).isEqualTo(400);
        assertThat(badInt.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void wrongMethodIs405Json() {
        Answer answer = http.get(API + "runs/create");
        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("POST");
        assertThat(answer.errorCode()).isEqualTo("BAD_REQUEST");
        assertThat(http.send(http.jsonRequest(API + "experiments/get").POST(HttpRequest.BodyPublishers.ofString("{}")))
                        .status())
                .isEqualTo(405);
    }

    @Test
    void unknownEndpointIs404Json() {
        for (String path : new String[] {"/nowhere", "/api/2.0/mlflow/runs/", "/api/2.0/mlflow/", "/api/9.9/x"}) {
            Answer answer = http.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.errorCode()).isEqualTo("ENDPOINT_NOT_FOUND");
        }
    }

    @Test
    void requestLinesAndHeadersOverTheLimitGetJsonErrors() {
        RawSocket.Reply longLine = RawSocket.send(
                server.server().port(), "GET", API + "experiments/search?filter=" + "x".repeat(70_000), new byte[0]);
        assertThat(longLine.status()).isBetween(400, 431);
        assertThat(longLine.body()).contains("\"error_code\"");
        Answer longHeader = http.send(
                http.jsonRequest("/health").header("X-Big", "y".repeat(70_000)).GET());
        assertThat(longHeader.status()).isBetween(400, 431);
        assertThat(longHeader.errorCode()).isNotBlank();
    }

    @Test
    void nonJsonContentTypeIsRefused() {
        Answer answer = http.send(HttpRequest.newBuilder(http.uri(API + "experiments/create"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=x")));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(answer.json().path("message").asText()).contains("Content-Type");
    }

    @Test
    void oversizedBodiesGet413Json() {
        try (TestServer small = TestServer.start(
                Backends.h2(),
                GyreServer.Options.loopback(0).withMaxJsonBodyBytes(1024).withMaxArtifactBodyBytes(2048))) {
            HttpJson smallHttp = small.http();
            Answer json = smallHttp.post(API + "experiments/create", "{\"name\": \"" + "x".repeat(5000) + "\"}");
            assertThat(json.status()).isEqualTo(413);
            assertThat(json.errorCode()).isEqualTo("RESOURCE_LIMIT_EXCEEDED");
            Answer upload = smallHttp.put("/api/2.0/mlflow-artifacts/artifacts/0/big.bin", new byte[4096]);
            assertThat(upload.status()).isEqualTo(413);
            assertThat(upload.errorCode()).isEqualTo("RESOURCE_LIMIT_EXCEEDED");
            assertThat(smallHttp.get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void logBatchOverMlflowsOneMegabyteLimitIsRefused() {
        String big = "{\"run_id\": \"" + runId + "\", \"tags\": [{\"key\": \"k\", \"value\": \"" + "v".repeat(1_100_000)
                + "\"}]}";
        Answer answer = http.post(API + "runs/log-batch", big);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("message").asText()).contains("at most 1000000 bytes");
    }

    @Test
    void unexpectedFailuresAre500WithTheRequestIdAndTheServerGoesOn() {
        TestServer broken = TestServer.start(Backends.h2());
        try {
            String id = broken.http()
                    .post(API + "experiments/create", "{\"name\": \"e\"}")
                    .json()
                    .path("experiment_id")
                    .asText();
            broken.stores().close(); // the database goes away under the running server
            Answer answer = broken.http()
                    .send(broken.http()
                            .jsonRequest(API + "experiments/get?experiment_id=" + id)
                            .header("X-Request-Id", "trace-500")
                            .GET());
            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.errorCode()).isEqualTo("INTERNAL_ERROR");
            assertThat(answer.json().path("message").asText()).contains("trace-500");
            assertThat(broken.http().get("/health").status()).isEqualTo(200);
            assertThat(broken.http().get("/ready").status()).isEqualTo(503);
        } finally {
            broken.server().close();
            TestServer.deleteTree(broken.workDir());
        }
    }
}
