package dev.gyre.server.serving;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.serve.batch.BatchObserver;
import dev.gyre.serve.inference.InferenceObserver;
import dev.gyre.serve.repository.RepositoryEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The prediction server's Prometheus metrics, per model and version: {@code gyre_inference_requests_total},
 * {@code gyre_inference_errors_total} (by error code), {@code gyre_inference_latency_seconds} (a histogram, queueing
 * included), {@code gyre_inference_rows}, {@code gyre_batch_requests} and {@code gyre_batch_rows} (batch sizes),
 * {@code gyre_model_load_seconds}, and {@code gyre_model_reload_failures_total}. Meters are cached per label set so
 * that the request path does no registry look-up.
 */
public final class ServingMetrics implements InferenceObserver, RepositoryEvents {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, ModelMeters> models = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> errors = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicLong> loadMillis = new ConcurrentHashMap<>();

    public ServingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void succeeded(String model, String version, int rows, long nanos) {
        ModelMeters meters = meters(model, version);
        meters.requests.increment();
        meters.latency.record(nanos, TimeUnit.NANOSECONDS);
        meters.rows.record(rows);
    }

    @Override
    public void failed(String model, ErrorCode code, long nanos) {
        errors.computeIfAbsent(model + '\n' + code, key -> Counter.builder("gyre_inference_errors")
                        .description("Inference requests that failed, by error code")
                        .tag("model", model)
                        .tag("code", code.name())
                        .register(registry))
                .increment();
    }

    @Override
    public BatchObserver batches(String model, String version) {
        DistributionSummary requests = DistributionSummary.builder("gyre_batch_requests")
                .description("Requests per scored batch")
                .tags("model", model, "version", version)
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64)
                .register(registry);
        DistributionSummary rows = DistributionSummary.builder("gyre_batch_rows")
                .description("Rows per scored batch")
                .tags("model", model, "version", version)
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .register(registry);
        return (batchRequests, batchRows, nanos) -> {
            requests.record(batchRequests);
            rows.record(batchRows);
        };
    }

    @Override
    public void loaded(String model, String version, long millis) {
        AtomicLong value = loadMillis.computeIfAbsent(model + '\n' + version, key -> {
            AtomicLong holder = new AtomicLong();
            registry.gauge(
                    "gyre_model_load_seconds",
                    io.micrometer.core.instrument.Tags.of("model", model, "version", version),
                    holder,
                    h -> h.get() / 1000.0);
            return holder;
        });
        value.set(millis);
    }

    @Override
    public void reloadFailed(String model, String reason) {
        Counter.builder("gyre_model_reload_failures")
                .description("Times a newer version of a followed alias could not be loaded")
                .tag("model", model)
                .register(registry)
                .increment();
    }

    private ModelMeters meters(String model, String version) {
        String key = model + '\n' + version;
        ModelMeters meters = models.get(key);
        return meters != null ? meters : models.computeIfAbsent(key, k -> new ModelMeters(registry, model, version));
    }

    private static final class ModelMeters {
        final Counter requests;
        final Timer latency;
        final DistributionSummary rows;

        ModelMeters(MeterRegistry registry, String model, String version) {
            requests = Counter.builder("gyre_inference_requests")
                    .description("Inference requests answered")
                    .tags("model", model, "version", version)
                    .register(registry);
            latency = Timer.builder("gyre_inference_latency")
                    .description("Inference latency from arrival to answer, queueing included")
                    .tags("model", model, "version", version)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(50_000))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry);
            rows = DistributionSummary.builder("gyre_inference_rows")
                    .description("Rows per inference request")
                    .tags("model", model, "version", version)
                    .register(registry);
        }
    }
}
