package dev.gyre.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Request count and latency per method, route template and status ({@code http_server_requests_seconds_*}).
 * Tagged by template, never by raw URL, so the number of series stays bounded; timers are cached so the hot path
 * does no registry lookup.
 */
public final class HttpMetrics {

    /** Route tag for requests that matched no endpoint. */
    public static final String UNMATCHED = "UNMATCHED";

    private final MeterRegistry registry;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String method, String route, int status, long nanos) {
        timers.computeIfAbsent(new Key(method, route, status), this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return Timer.builder("http.server.requests")
                .description("HTTP requests by method, route template and status")
                .tag("method", key.method)
                .tag("route", key.route)
                .tag("status", Integer.toString(key.status))
                .tag("outcome", outcome(key.status))
                .register(registry);
    }

    private static String outcome(int status) {
        if (status < 400) {
            return "SUCCESS";
        }
        return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }

    private record Key(String method, String route, int status) {}
}
