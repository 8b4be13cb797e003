package dev.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.cli.client.TrackingClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {

    @TempDir
    Path temp;

    @Test
    void servesHealthOnTheEmbeddedStoreAndStopsCleanly() throws Exception {
        Map<String, String> env = Map.of("GYRE_HOME", temp.resolve("home").toString());
        long started = System.nanoTime();
        BackgroundServer server = new BackgroundServer(env, temp, "--port", "0");
        long startupMillis = (System.nanoTime() - started) / 1_000_000;

        TrackingClient client = TrackingClient.connect(server.url());
        HttpResponse<String> health = client.getRaw("/health");
        HttpResponse<String> ready = client.getRaw("/ready");
        int exitCode = server.stop();

        assertThat(server.out())
                .startsWith("Gyre " + GyreVersion.current() + " serving at http://127.0.0.1:")
                .contains("store h2:" + temp.resolve("home/db/gyre"))
                .contains("artifacts " + temp.resolve("home/artifacts"))
                .endsWith("Gyre stopped.\n");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(exitCode).isZero();
        assertThat(startupMillis).as("start-up on the embedded store, ms").isLessThan(10_000);
        assertThat(temp.resolve("home/artifacts")).isDirectory();
    }

    @Test
    void theStoreIsReleasedOnStopSoItCanBeOpenedAgain() throws Exception {
        Map<String, String> env = Map.of("GYRE_HOME", temp.resolve("home").toString());

        new BackgroundServer(env, temp, "--port", "0").stop();
        BackgroundServer again = new BackgroundServer(env, temp, "--port", "0");
        int status = TrackingClient.connect(again.url()).getRaw("/health").statusCode();
        again.stop();

        assertThat(status).isEqualTo(200);
    }

    @Test
    void dataRootFlagsLimitWhatTheDataEndpointsRead() throws Exception {
        Path root = Files.createDirectories(temp.resolve("data"));
        Path other = Files.createDirectories(temp.resolve("other"));
        Path inside = Files.writeString(root.resolve("in.csv"), "a,b\n1,x\n2,y\n");
        Path outside = Files.writeString(other.resolve("secret.csv"), "a,b\n1,x\n");
        Map<String, String> env = Map.of(
                "GYRE_HOME",
                temp.resolve("home").toString(),
                "GYRE_DATA_ROOTS",
                outside.getParent().toString());

        BackgroundServer server = new BackgroundServer(env, temp, "--port", "0", "--data-root", root.toString());
        HttpResponse<String> allowed = postProfile(server.url(), inside);
        HttpResponse<String> refused = postProfile(server.url(), outside);
        server.stop();

        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body())
                .contains("PERMISSION_DENIED")
                .contains(root.toRealPath().toString());
    }

    private static HttpResponse<String> postProfile(String baseUrl, Path file) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/api/2.0/gyre/data/profile"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"" + file + "\"}"))
                            .header("Content-Type", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void flagsOverrideTheEnvironment() throws Exception {
        Path artifacts = temp.resolve("elsewhere");
        Map<String, String> env = Map.of("GYRE_HOME", temp.resolve("home").toString(), "GYRE_PORT", "1");

        BackgroundServer server = new BackgroundServer(
                env,
                temp,
                "--port",
                "0",
                "--host",
                "127.0.0.1",
                "--artifacts-destination",
                artifacts.toString(),
                "--backend-store-uri",
                "h2:" + temp.resolve("other-db/gyre"));
        String out = server.out();
        server.stop();

        assertThat(out)
                .contains("store h2:" + temp.resolve("other-db/gyre"))
                .contains("artifacts " + artifacts)
                .doesNotContain(":1 ");
        assertThat(artifacts).isDirectory();
    }
}
