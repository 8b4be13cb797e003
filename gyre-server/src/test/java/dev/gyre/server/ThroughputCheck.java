package dev.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The hot paths' throughput targets: log-metric ≥ 3,000 requests/s and log-batch of 1,000 metrics ≥ 100
 * batches/s over H2. Timing-sensitive, so it runs only with {@code -Dgyre.perf=true}, on a quiet machine.
 */
@EnabledIfSystemProperty(named = "gyre.perf", matches = "true")
class ThroughputCheck {

    private static final int CLIENTS = Integer.getInteger("gyre.perf.clients", 16);

    @Test
    void logMetricAndLogBatchMeetTheirTargets() throws Exception {
        try (TestServer server = TestServer.start(Backends.h2())) {
            HttpJson http = server.http();
            String runId = http.post("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"0\"}")
                    .json()
                    .path("run")
                    .path("info")
                    .path("run_id")
                    .asText();

            double metricRate = measure(http, Duration.ofSeconds(2), Duration.ofSeconds(6), i -> http.jsonRequest(
                            "/api/2.0/mlflow/runs/log-metric")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"run_id\": \"" + runId
                            + "\", \"key\": \"loss\", \"value\": " + (i % 100) / 100.0 + ", \"timestamp\": \""
                            + (1_700_000_000_000L + i) + "\", \"step\": \"" + i + "\"}")));
            StringBuilder batch = new StringBuilder("{\"run_id\": \"" + runId + "\", \"metrics\": [");
            for (int m = 0; m < 1000; m++) {
                batch.append(m == 0 ? "" : ",")
                        .append("{\"key\": \"m")
                        .append(m % 20)
                        .append("\", \"value\": 0.5, \"timestamp\": 1700000000000, \"step\": ")
                        .append(m)
                        .append('}');
            }
            String batchBody = batch.append("]}").toString();
            double batchRate = measure(http, Duration.ofSeconds(2), Duration.ofSeconds(6), i -> http.jsonRequest(
                            "/api/2.0/mlflow/runs/log-batch")
                    .POST(HttpRequest.BodyPublishers.ofString(batchBody)));

            System.out.printf("log-metric: %.0f requests/s; log-batch(1000): %.1f batches/s%n", metricRate, batchRate);
            http.get("/metrics")
                    .text()
                    .lines()
                    .filter(l -> l.contains("logMetric")
                            || l.contains("logBatch")
                            || l.contains("log-metric")
                            || l.contains("log-batch"))
                    .filter(l -> l.contains("_sum") || l.contains("_count"))
                    .forEach(System.out::println);
            assertThat(metricRate).isGreaterThanOrEqualTo(3000);
            assertThat(batchRate).isGreaterThanOrEqualTo(100);
        }
    }

    private static double measure(
            HttpJson http,
            Duration warmUp,
            Duration window,
            java.util.function.LongFunction<HttpRequest.Builder> request)
            throws Exception {
        AtomicLong sequence = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long warmEnd = System.nanoTime() + warmUp.toNanos();
        long end = warmEnd + window.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        int status = http.send(request.apply(sequence.incrementAndGet()))
                                .status();
                        long now = System.nanoTime();
                        if (status != 200) {
                            failures.incrementAndGet();
                        } else if (now > warmEnd && now <= end) {
                            done.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        assertThat(failures.get()).isZero();
        return done.get() / (window.toNanos() / 1e9);
    }
}
