package dev.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gyre.server.HttpJson.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The artifact proxy: binary round trips through upload, download, list and delete, the tracking API's
 * {@code artifacts/list}, and the path-traversal attacks used on MLflow (CVE-2023-1177, CVE-2023-2780,
 * CVE-2023-6909, CVE-2024-1560, CVE-2024-1483) — each refused with 400, nothing written outside the root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtifactProxyTest {

    private static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts";
    private static final byte[] PAYLOAD = "pwned".getBytes(StandardCharsets.UTF_8);

    private TestServer server;
    private HttpJson http;

    @BeforeAll
    void start() {
        server = TestServer.start(Backends.h2());
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @AfterEach
    void nothingEscapedTheRoot() throws IOException {
        assertThat(http.get("/health").status()).isEqualTo(200);
        try (Stream<Path> all = Files.walk(server.workDir())) {
            assertThat(all.filter(Files::isRegularFile).filter(p -> !p.startsWith(server.artifactRoot())))
                    .isEmpty();
        }
    }

    @Test
    void binaryRoundTripListAndDelete() {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        Answer upload = http.put(PROXY + "/1/run1/artifacts/model/weights.bin", content);
        assertThat(upload.status()).as(upload.text()).isEqualTo(200);
        assertThat(upload.text()).isEqualTo("{}");
        assertThat(http.put(PROXY + "/1/run1/artifacts/model/MLmodel", "flavors: {}".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(200);
        assertThat(http.put(PROXY + "/1/run1/artifacts/notes%20v1.txt", "hi".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(200);

        Answer download = http.get(PROXY + "/1/run1/artifacts/model/weights.bin");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
        assertThat(download.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(http.get(PROXY + "/1/run1/artifacts/notes%20v1.txt").text()).isEqualTo("hi");

        JsonNode listing =
                http.get(PROXY + "?path=1/run1/artifacts/model").json().path("files");
        assertThat(listing).hasSize(2);
        for (JsonNode file : listing) {
            assertThat(file.path("is_dir").asBoolean()).isFalse();
            if (file.path("path").asText().equals("weights.bin")) {
                assertThat(file.path("file_size").asLong()).isEqualTo(content.length);
            } else {
                assertThat(file.path("path").asText()).isEqualTo("MLmodel");
            }
        }
        JsonNode top = http.get("/ajax-api/2.0/mlflow-artifacts/artifacts?path=1/run1/artifacts")
                .json()
                .path("files");
        assertThat(top).anySatisfy(f -> {
            assertThat(f.path("path").asText()).isEqualTo("model");
            assertThat(f.path("is_dir").asBoolean()).isTrue();
            assertThat(f.has("file_size")).isFalse();
        });
        assertThat(http.get(PROXY + "?path=1/nothing-here").text()).isEqualTo("{}");

        assertThat(http.delete(PROXY + "/1/run1/artifacts/model/weights.bin").status())
                .isEqualTo(200);
        Answer gone = http.get(PROXY + "/1/run1/artifacts/model/weights.bin");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void trackingArtifactsListResolvesTheRunsProxiedRoot() {
        String api = "/api/2.0/mlflow/";
        JsonNode info = http.post(api + "runs/create", "{\"experiment_id\": \"0\"}")
                .json()
                .path("run")
                .path("info");
        String runId = info.path("run_id").asText();
        String root = info.path("artifact_uri").asText().substring("mlflow-artifacts:/".length());
        http.put(PROXY + "/" + root + "/plots/roc.png", new byte[] {1, 2, 3});
        http.put(PROXY + "/" + root + "/metrics.json", "{}".getBytes(StandardCharsets.UTF_8));

        JsonNode top = http.get(api + "artifacts/list?run_id=" + runId).json();
        assertThat(top.path("root_uri").asText())
                .isEqualTo(info.path("artifact_uri").asText());
        assertThat(top.path("files").findValuesAsText("path")).containsExactlyInAnyOrder("plots", "metrics.json");
        JsonNode nested = http.get(api + "artifacts/list?run_uuid=" + runId + "&path=plots")
                .json();
        assertThat(nested.path("files").findValuesAsText("path")).containsExactly("plots/roc.png");
        assertThat(nested.path("files").get(0).path("file_size").asLong()).isEqualTo(3);

        Answer traversal = http.get(api + "artifacts/list?run_id=" + runId + "&path=..%2F..%2F..");
        assertThat(traversal.status()).isEqualTo(400);
        assertThat(traversal.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    static List<String> attackPaths() {
        return List.of(
                "../../outside.txt",
                "1/../../outside.txt",
                "%2e%2e/%2e%2e/outside.txt",
                "%2E%2E%2F%2E%2E%2Foutside.txt",
                "..%2f..%2foutside.txt",
                "1/..%2f..%2f..%2foutside.txt",
                "%252e%252e%252f%252e%252e%252foutside.txt",
                "%25252e%25252e%25252foutside.txt",
                "/etc/passwd",
                "%2fetc%2fpasswd",
                "%2F%2Fserver%2Fshare",
                "..\\..\\outside.txt",
                "%5c..%5c..%5coutside.txt",
                "1/%5c..%5coutside.txt",
                "C:%5cWindows%5cwin.ini",
                "C:/Windows/win.ini",
                "file:%2f%2f%2fetc%2fpasswd",
                "x%23/../../outside.txt",
                "x%3f/../../outside.txt",
                "x%00.txt",
                "1/./2/outside.txt",
                "1//outside.txt",
                "%c0%ae%c0%ae/outside.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attackPaths")
    void traversalThroughTheProxyIsRefused(String attack) {
        for (String method : List.of("PUT", "GET", "DELETE")) {
            RawSocket.Reply reply = RawSocket.send(server.server().port(), method, PROXY + "/" + attack, PAYLOAD);
            assertThat(reply.status())
                    .as(method + " " + attack + ": " + reply.body())
                    .isEqualTo(400);
            assertThat(reply.body()).contains("error_code");
        }
        RawSocket.Reply list = RawSocket.send(
                server.server().port(),
                "GET",
                PROXY + "?path=" + attack.replace("#", "%23").replace("?", "%3f"),
                new byte[0]);
        assertThat(list.status()).as("list " + attack + ": " + list.body()).isEqualTo(400);
    }

    @Test
    void ajaxApiProxyWorksToo() {
        assertThat(http.put("/ajax-api/2.0/mlflow-artifacts/artifacts/9/a.txt", new byte[] {42})
                        .status())
                .isEqualTo(200);
        assertThat(http.get(PROXY + "/9/a.txt").body()).containsExactly(42);
    }
}
