package dev.gyre.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Times store calls per store and operation ({@code gyre_store_calls_seconds_*}, tagged {@code outcome} success
 * or error), so that slow database work shows apart from HTTP overhead.
 */
public final class StoreTimer {

    private final MeterRegistry registry;
    private final String store;
    private final ConcurrentMap<String, Timer> success = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> failure = new ConcurrentHashMap<>();

    public StoreTimer(MeterRegistry registry, String store) {
        this.registry = registry;
        this.store = store;
    }

    public <T> T time(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            T result = call.get();
            timer(success, operation, "success")
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            return result;
        } catch (RuntimeException | Error e) {
            timer(failure, operation, "error")
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            throw e;
        }
    }

    public void run(String operation, Runnable call) {
        time(operation, () -> {
            call.run();
            return null;
        });
    }

    private Timer timer(ConcurrentMap<String, Timer> cache, String operation, String outcome) {
        return cache.computeIfAbsent(operation, op -> Timer.builder("gyre.store.calls")
                .description("Store calls by store, operation and outcome")
                .tag("store", store)
                .tag("operation", op)
                .tag("outcome", outcome)
                .register(registry));
    }
}
