package dev.gyre.server.ops;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.server.http.ApiExchange;
import dev.gyre.server.http.RouteTable;
import dev.gyre.server.metrics.ServerMetrics;
import dev.gyre.store.TrackingStore;
import io.helidon.http.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Endpoints for operators and orchestrators: {@code /health} (liveness, {@code OK} as MLflow answers),
 * {@code /ready} (the database answers), {@code /version} (the MLflow version whose API is served, as MLflow's
 * own {@code /version}; Gyre's version in {@code X-Gyre-Version}) and {@code /metrics} (Prometheus text).
 */
public final class OperationalHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(OperationalHandlers.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final TrackingStore tracking;
    private final ServerMetrics metrics;
    private final ServerVersion version;

    public OperationalHandlers(TrackingStore tracking, ServerMetrics metrics, ServerVersion version) {
        this.tracking = tracking;
        this.metrics = metrics;
        this.version = version;
    }

    public void register(RouteTable.Builder routes) {
        routes.add(Method.GET, "/health", ex -> ex.sendText(200, "OK"))
                .add(Method.GET, "/ready", this::ready)
                .add(Method.GET, "/version", this::version)
                .add(
                        Method.GET,
                        "/metrics",
                        ex -> ex.sendBytes(
                                200,
                                PROMETHEUS_TEXT,
                                metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private void ready(ApiExchange ex) {
        boolean healthy;
        try {
            healthy = tracking.isHealthy();
        } catch (RuntimeException e) {
            LOG.warn("Readiness check failed: {}", e.toString());
            healthy = false;
        }
        if (healthy) {
            ex.sendJson(g -> g.writeStringField("status", "READY"));
        } else {
            ex.sendError(503, ErrorCode.TEMPORARILY_UNAVAILABLE, "The metadata store does not answer.");
        }
    }

    private void version(ApiExchange ex) {
        ex.header("X-Gyre-Version", version.gyre());
        ex.sendText(200, version.mlflowApi());
    }
}
