package dev.gyre.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.server.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The dataset REST endpoints over real HTTP on loopback and a real database the concrete class provides. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatasetApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestServer server;

    @TempDir
    Path temp;

    /** A backend-store URI naming a fresh, empty database. */
    protected abstract String freshBackendUri();

    protected void releaseBackend() {}

    @BeforeAll
    void start() {
        server = TestServer.start(freshBackendUri());
    }

    @AfterAll
    void stop() {
        try {
            server.close();
        } finally {
            releaseBackend();
        }
    }

    private record Reply(int status, JsonNode body) {}

    private Reply post(String prefix, String path, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(server.baseUrl() + prefix + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private Reply get(String prefix, String path, String... keyValues) throws IOException, InterruptedException {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            pairs.add(URLEncoder.encode(keyValues[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(keyValues[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(server.baseUrl() + prefix + path + "?" + String.join("&", pairs)))
                .GET());
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new Reply(response.statusCode(), body);
    }

    private Reply register(String name, Path path, String... extra) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("path", path.toString());
        for (int i = 0; i < extra.length; i += 2) {
            body.put(extra[i], extra[i + 1]);
        }
        return post("/api/2.0/gyre/", "datasets/register", body);
    }

    private Reply gyreGet(String path, String... keyValues) throws IOException, InterruptedException {
        return get("/api/2.0/gyre/", path, keyValues);
    }

    private static void assertError(Reply reply, int status, String code, String messagePart) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.body().path("error_code").asText()).isEqualTo(code);
        assertThat(reply.body().path("message").asText()).contains(messagePart);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void registersGetsListsAndProfilesVersions() throws Exception {
        String name = unique("iris");
        Path file = Files.writeString(temp.resolve(name + ".csv"), "x,label\n1.5,a\n2.5,b\n3.5,a\n");

        Reply first = register(name, file, "description", "first cut");
        assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
        assertThat(first.body().get("created").asBoolean()).isTrue();
        JsonNode v1 = first.body().get("dataset_version");
        assertThat(v1.get("name").asText()).isEqualTo(name);
        assertThat(v1.get("version").asLong()).isEqualTo(1);
        assertThat(v1.get("digest").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(v1.get("source").asText()).isEqualTo(file.toString());
        assertThat(v1.get("format").asText()).isEqualTo("csv");
        assertThat(v1.get("row_count").asLong()).isEqualTo(3);
        assertThat(v1.get("description").asText()).isEqualTo("first cut");
        assertThat(v1.get("schema").get(0).get("name").asText()).isEqualTo("x");
        assertThat(v1.get("schema").get(1).get("type").asText()).isEqualTo("string");

        Reply again = register(name, file);
        assertThat(again.body().get("created").asBoolean()).isFalse();
        assertThat(again.body().get("dataset_version")).isEqualTo(v1);

        Files.writeString(file, "x,label\n1.5,a\n");
        JsonNode v2 = register(name, file).body().get("dataset_version");
        assertThat(v2.get("version").asLong()).isEqualTo(2);
        assertThat(v2.has("description")).isFalse();

        assertThat(gyreGet("datasets/get", "name", name).body().get("dataset_version"))
                .isEqualTo(v2);
        assertThat(gyreGet("datasets/get", "name", name, "version", "1").body().get("dataset_version"))
                .isEqualTo(v1);
        // The web UI's prefix serves the same endpoints.
        assertThat(get("/ajax-api/2.0/gyre/", "datasets/get", "name", name, "version", "1")
                        .body()
                        .get("dataset_version"))
                .isEqualTo(v1);

        JsonNode page1 = gyreGet("datasets/versions/search", "name", name, "max_results", "1")
                .body();
        assertThat(page1.get("dataset_versions")).hasSize(1);
        assertThat(page1.get("dataset_versions").get(0)).isEqualTo(v2);
        JsonNode page2 = gyreGet(
                        "datasets/versions/search",
                        "name",
                        name,
                        "max_results",
                        "1",
                        "page_token",
                        page1.get("next_page_token").asText())
                .body();
        assertThat(page2.get("dataset_versions").get(0)).isEqualTo(v1);
        assertThat(page2.has("next_page_token")).isFalse();

        Map<String, JsonNode> listed = new LinkedHashMap<>();
        String token = "";
        do {
            JsonNode page = gyreGet("datasets/list", "max_results", "2", "page_token", token)
                    .body();
            page.get("datasets").forEach(d -> listed.put(d.get("name").asText(), d));
            token = page.path("next_page_token").asText("");
        } while (!token.isEmpty());
        JsonNode summary = listed.get(name);
        assertThat(summary.get("latest_version").asLong()).isEqualTo(2);
        assertThat(summary.get("version_count").asLong()).isEqualTo(2);
        assertThat(new ArrayList<>(listed.keySet())).isSorted();

        JsonNode profile = gyreGet("datasets/versions/profile", "name", name, "version", "1")
                .body();
        assertThat(profile.get("version").asLong()).isEqualTo(1);
        assertThat(profile.get("profile").get("row_count").asLong()).isEqualTo(3);
        assertThat(profile.get("profile").get("features")).hasSize(2);
        assertThat(gyreGet("datasets/versions/profile", "name", name)
                        .body()
                        .get("profile")
                        .get("row_count")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void refusesBadRequestsPreciselyAndKeepsServing() throws Exception {
        Path good = Files.writeString(temp.resolve("good.csv"), "a\n1\n");
        assertError(
                post(
                        "/api/2.0/gyre/",
                        "datasets/register",
                        JSON.createObjectNode().put("path", good.toString())),
                400,
                "INVALID_PARAMETER_VALUE",
                "name");
        assertError(
                register("ok-name", Path.of("relative.csv")),
                400,
                "INVALID_PARAMETER_VALUE",
                "path must be absolute (it is read on the server), got 'relative.csv'");
        assertError(register("bad;name", good), 400, "INVALID_PARAMETER_VALUE", "Invalid dataset name: 'bad;name'");
        assertError(
                register("ctx", good, "context", "training"),
                400,
                "INVALID_PARAMETER_VALUE",
                "context is only meaningful with run_id");
        Path missing = temp.resolve("missing.csv");
        assertError(register("missing", missing), 400, "INVALID_PARAMETER_VALUE", "no such file or folder: " + missing);

        StringBuilder text = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 30_000; i++) {
            text.append(i).append(",x,").append(i).append('\n');
        }
        text.append("1,2,3,4\n");
        Path ragged = Files.writeString(temp.resolve("ragged.csv"), text.toString());
        String raggedName = unique("ragged");
        Reply failed = register(raggedName, ragged);
        assertError(failed, 400, "INVALID_PARAMETER_VALUE", ragged.toString());
        assertThat(failed.body().get("message").asText()).contains("CSV Error on Line: 30002");

        assertError(
                gyreGet("datasets/get", "name", raggedName),
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "Dataset '" + raggedName + "' not found");
        String name = unique("known");
        assertThat(register(name, good).status()).isEqualTo(200);
        assertError(
                gyreGet("datasets/get", "name", name, "version", "7"),
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "Dataset version (name=" + name + ", version=7) not found");
        assertError(gyreGet("datasets/get", "name", name, "version", "one"), 400, "INVALID_PARAMETER_VALUE", "version");
        assertError(gyreGet("datasets/get"), 400, "INVALID_PARAMETER_VALUE", "name");
        assertError(
                gyreGet("datasets/list", "max_results", "0"),
                400,
                "INVALID_PARAMETER_VALUE",
                "It must be at least 1, but got value 0");
        assertError(
                gyreGet("datasets/list", "page_token", "nonsense"),
                400,
                "INVALID_PARAMETER_VALUE",
                "Invalid page token");
        assertError(
                gyreGet("datasets/versions/search", "name", "nope"),
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "Dataset 'nope' not found");
        assertError(
                gyreGet("datasets/versions/profile", "name", name, "version", "3"),
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "not found");

        assertThat(gyreGet("datasets/get", "name", name).status()).isEqualTo(200);
    }

    @Test
    void linksTheVersionToARunSoThatRunsGetShowsIt() throws Exception {
        String runId = post(
                        "/api/2.0/mlflow/",
                        "runs/create",
                        JSON.createObjectNode().put("experiment_id", "0"))
                .body()
                .get("run")
                .get("info")
                .get("run_id")
                .asText();
        String name = unique("train");
        Path file = Files.writeString(temp.resolve(name + ".csv"), "f,y\n1,0\n2,1\n");

        Reply registered = register(name, file, "run_id", runId, "context", "training");
        assertThat(registered.status()).as("%s", registered.body()).isEqualTo(200);
        String digest = registered.body().get("dataset_version").get("digest").asText();

        JsonNode inputs = get("/api/2.0/mlflow/", "runs/get", "run_id", runId)
                .body()
                .get("run")
                .get("inputs")
                .get("dataset_inputs");
        assertThat(inputs).hasSize(1);
        JsonNode dataset = inputs.get(0).get("dataset");
        assertThat(dataset.get("name").asText()).isEqualTo(name);
        assertThat(dataset.get("digest").asText()).isEqualTo(digest.substring(7, 7 + 16));
        assertThat(dataset.get("source_type").asText()).isEqualTo("local");
        JsonNode source = JSON.readTree(dataset.get("source").asText());
        assertThat(source.get("uri").asText()).isEqualTo(file.toUri().toString());
        assertThat(source.get("gyre_version").asLong()).isEqualTo(1);
        assertThat(JSON.readTree(dataset.get("schema").asText()).get("mlflow_colspec"))
                .hasSize(2);
        assertThat(JSON.readTree(dataset.get("profile").asText())
                        .get("num_rows")
                        .asLong())
                .isEqualTo(2);
        JsonNode tag = inputs.get(0).get("tags").get(0);
        assertThat(tag.get("key").asText()).isEqualTo("mlflow.data.context");
        assertThat(tag.get("value").asText()).isEqualTo("training");

        String other = unique("orphan");
        assertError(
                register(other, file, "run_id", "0123456789abcdef0123456789abcdef"),
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "0123456789abcdef0123456789abcdef");
        assertThat(gyreGet("datasets/get", "name", other).status()).isEqualTo(404);
    }
}
