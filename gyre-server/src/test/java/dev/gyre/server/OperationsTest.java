package dev.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.server.HttpJson.Answer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Health, readiness, version, Prometheus metrics and request ids. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsTest {

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

    @Test
    void healthReadyAndVersion() {
        Answer health = http.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text()).isEqualTo("OK");
        Answer ready = http.get("/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("status").asText()).isEqualTo("READY");
        Answer version = http.get("/version");
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.text()).isEqualTo("2.17.2");
        assertThat(version.header("X-Gyre-Version")).isNotBlank();
    }

    @Test
    void listensOnLoopbackAndStartsFast() {
        long start = System.nanoTime();
        try (TestServer another = TestServer.start(Backends.h2())) {
            assertThat(another.server().host()).isEqualTo("127.0.0.1");
            assertThat(another.http().get("/health").status()).isEqualTo(200);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void metricsCountRequestsPerRouteTemplateAndTimeStoreCalls() {
        http.post("/api/2.0/mlflow/experiments/create", "{\"name\": \"metered\"}");
        http.get("/api/2.0/mlflow/experiments/get?experiment_id=0");
        http.get("/api/2.0/mlflow/experiments/get?experiment_id=424242");
        http.get("/no/such/path/12345");
        http.get("/api/2.0/mlflow-artifacts/artifacts/0/some/file.bin");

        Answer metrics = http.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        String text = metrics.text();
        assertThat(text)
                .containsPattern(
                        "http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*route=\"/api/2.0/mlflow/experiments/get\""
                                + "[^}]*status=\"200\"[^}]*} 1");
        assertThat(text)
                .containsPattern(
                        "http_server_requests_seconds_count\\{[^}]*route=\"/api/2.0/mlflow/experiments/get\"[^}]*status=\"404\"");
        assertThat(text).contains("route=\"/api/2.0/mlflow-artifacts/artifacts/{path}\"");
        assertThat(text).contains("route=\"UNMATCHED\"").doesNotContain("/no/such/path/12345");
        assertThat(text)
                .containsPattern(
                        "gyre_store_calls_seconds_count\\{[^}]*operation=\"createExperiment\"[^}]*store=\"tracking\"");
        assertThat(text)
                .contains("jvm_memory_used_bytes")
                .contains("jvm_threads_live_threads")
                .contains("process_uptime_seconds")
                .contains("system_cpu_count");
    }

    @Test
    void requestIdsAreEchoedOrCreated() {
        Answer echoed = http.send(
                http.jsonRequest("/health").header("X-Request-Id", "abc-123").GET());
        assertThat(echoed.header("X-Request-Id")).isEqualTo("abc-123");
        Answer created = http.get("/health");
        assertThat(created.header("X-Request-Id")).matches("[0-9a-f]{32}");
        Answer unsafe = http.send(
                http.jsonRequest("/health").header("X-Request-Id", "a b\"c").GET());
        assertThat(unsafe.header("X-Request-Id")).matches("[0-9a-f]{32}");
        Answer onError = http.send(http.jsonRequest("/api/2.0/mlflow/runs/get?run_id=nope")
                .header("X-Request-Id", "err-1")
                .GET());
        assertThat(onError.status()).isEqualTo(404);
        assertThat(onError.header("X-Request-Id")).isEqualTo("err-1");
    }
}
