package dev.gyre.server.api.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.server.GyreServer;
import dev.gyre.server.HttpJson;
import dev.gyre.server.TestServer;
import dev.gyre.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data roots over real HTTP: the data endpoints and {@code datasets/register} read under the roots only,
 * refusals are 403 {@code PERMISSION_DENIED}, and the server keeps serving after each.
 */
class DataRootsApiTest {

    private static final Path WEATHER =
            Path.of(System.getProperty("gyre.shared.data", "../../shared/data")).resolve("weather.csv");
    private static final String API = "/api/2.0/gyre/";

    @TempDir
    Path temp;

    @Test
    void pathsUnderARootAreReadAndOthersRefusedOnEveryEndpoint() throws IOException {
        Path root = Files.createDirectories(temp.resolve("root"));
        Path inside = Files.copy(WEATHER, root.resolve("weather.csv"));
        Path secrets = Files.createDirectories(temp.resolve("secrets"));
        Path outside = Files.copy(WEATHER, secrets.resolve("weather.csv"));
        Path escape = Files.createSymbolicLink(root.resolve("escape.csv"), outside);
        String traversal = root + "/../secrets/weather.csv";

        try (TestServer server = start(GyreServer.Options.loopback(0).withDataRoots(List.of(root)))) {
            HttpJson http = server.http();

            assertThat(http.post(API + "data/profile", path(inside)).status()).isEqualTo(200);
            HttpJson.Answer registered = http.post(API + "datasets/register", register("weather", inside.toString()));
            assertThat(registered.status()).as(registered.text()).isEqualTo(200);
            assertThat(registered.json().path("dataset_version").path("source").asText())
                    .isEqualTo(inside.toRealPath().toString());

            for (String refused : List.of(outside.toString(), traversal, escape.toString())) {
                assertDenied(http.post(API + "data/profile", path(refused)), refused, root);
                assertDenied(http.post(API + "datasets/register", register("stolen", refused)), refused, root);
                ObjectNode compare = HttpJson.mapper().createObjectNode();
                compare.putObject("reference").put("path", inside.toString());
                compare.putObject("current").put("path", refused);
                assertDenied(http.post(API + "data/compare", compare.toString()), refused, root);
                ObjectNode labels = HttpJson.mapper().createObjectNode().put("path", refused);
                labels.put("label", "weather");
                assertDenied(http.post(API + "data/check-labels", labels.toString()), refused, root);
                assertDenied(http.post(API + "data/infer-schema", path(refused)), refused, root);
            }
            HttpJson.Answer relative = http.post(API + "data/profile", path("weather.csv"));
            assertThat(relative.status()).isEqualTo(400);
            assertThat(relative.json().path("message").asText())
                    .isEqualTo("'path' in the request must be absolute (it is read on the server), got 'weather.csv'");
            assertThat(http.get("/health").status()).isEqualTo(200);
            assertThat(http.get(API + "datasets/get?name=stolen").status()).isEqualTo(404);
        }
    }

    @Test
    void withoutRootsAServerBeyondLoopbackReadsNothingAndSaysHowToAllowIt() {
        try (TestServer server = start(new GyreServer.Options("0.0.0.0", 0))) {
            HttpJson http = new HttpJson("http://127.0.0.1:" + server.server().port());

            for (HttpJson.Answer refused : List.of(
                    http.post(API + "data/profile", path(WEATHER.toString())),
                    http.post(API + "datasets/register", register("weather", WEATHER.toString())))) {
                assertThat(refused.status()).as(refused.text()).isEqualTo(403);
                assertThat(refused.errorCode()).isEqualTo("PERMISSION_DENIED");
                assertThat(refused.json().path("message").asText())
                        .contains("listens on 0.0.0.0")
                        .contains("--data-root DIR");
            }
            assertThat(http.get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void withoutRootsALoopbackServerReadsAnyAbsolutePath() {
        try (TestServer server = start(GyreServer.Options.loopback(0))) {
            HttpJson.Answer answer = server.http().post(API + "data/profile", path(WEATHER.toString()));

            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.json().path("row_count").asLong()).isEqualTo(2922);
        }
    }

    private static TestServer start(GyreServer.Options options) {
        return TestServer.start(TestDatabases.h2Memory(), options);
    }

    private static void assertDenied(HttpJson.Answer answer, String requested, Path root) throws IOException {
        assertThat(answer.status()).as(answer.text()).isEqualTo(403);
        assertThat(answer.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(answer.json().path("message").asText())
                .isEqualTo("Reading " + requested + " is not allowed: the server reads data only under its data roots ("
                        + root.toRealPath() + ").");
    }

    private static String path(String path) {
        return HttpJson.mapper().createObjectNode().put("path", path).toString();
    }

    private static String path(Path path) {
        return path(path.toString());
    }

    private static String register(String name, String path) {
        return HttpJson.mapper()
                .createObjectNode()
                .put("name", name)
                .put("path", path)
                .toString();
    }
}
