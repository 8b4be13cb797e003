package dev.gyre.server.serving;

import dev.gyre.serve.inference.InferenceService;
import dev.gyre.serve.repository.ModelRepository;
import dev.gyre.serve.repository.ServedModel;
import dev.gyre.serve.repository.ServedVersion;
import dev.gyre.serve.rollout.RolloutManager;
import dev.gyre.server.api.ApiRoutes;
import dev.gyre.server.http.AccessLog;
import dev.gyre.server.http.Dispatcher;
import dev.gyre.server.http.ErrorResponses;
import dev.gyre.server.http.JsonDirectHandler;
import dev.gyre.server.http.RouteTable;
import dev.gyre.server.json.JsonCodec;
import dev.gyre.server.metrics.HttpMetrics;
import dev.gyre.server.metrics.ServerMetrics;
import io.helidon.http.DirectHandler;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http1.Http1Config;
import io.micrometer.core.instrument.Gauge;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prediction server {@code gyre serve} runs: Helidon SE on virtual threads, the same request dispatch as the
 * tracking server (request ids, access log, per-route metrics), and the serving routes — the Open Inference Protocol
 * v2 ({@link OipHandlers}), MLflow scoring ({@link MlflowScoringHandlers}), rollouts ({@link DeploymentHandlers})
 * and {@code /metrics}.
 */
public final class PredictionServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PredictionServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** Where and how much the server takes. */
    public record Options(String host, int port, long maxBodyBytes, int maxElements) {
        public Options {
            Objects.requireNonNull(host, "host");
            if (maxBodyBytes < 1 || maxElements < 1) {
                throw new IllegalArgumentException("body and element limits must be positive");
            }
        }

        /** Loopback, the given port, 64 MiB bodies, 10 million elements. */
        public static Options defaults(int port) {
            return new Options("127.0.0.1", port, 64L << 20, 10_000_000);
        }
    }

    private final WebServer webServer;

    private PredictionServer(WebServer webServer) {
        this.webServer = webServer;
    }

    /** Starts serving {@code service}'s models; {@code metrics} is the registry {@code /metrics} exposes. */
    public static PredictionServer start(
            Options options,
            InferenceService service,
            ModelRepository models,
            ServerMetrics metrics,
            String serverVersion,
            RolloutManager rollouts) {
        JsonCodec codec = new JsonCodec();
        for (ServedModel model : models.models()) {
            Gauge.builder("gyre_queue_depth", model, m -> {
                        ServedVersion current = m.current();
                        return current == null ? 0 : current.batcher().queueDepth();
                    })
                    .description("Requests waiting in the model's batch queue")
                    .tag("model", model.name())
                    .register(metrics.registry());
        }
        RouteTable.Builder table = RouteTable.builder();
        new OipHandlers(service, serverVersion, options.maxBodyBytes(), options.maxElements()).register(table);
        new MlflowScoringHandlers(service, serverVersion, options.maxBodyBytes(), options.maxElements())
                .register(table);
        new DeploymentHandlers(rollouts, models.models(), System.getProperty("user.name", "gyre"))
                .register(new ApiRoutes(table, ApiRoutes.GYRE_PREFIXES));
        table.add(
                Method.GET,
                "/metrics",
                ex -> ex.sendBytes(200, PROMETHEUS_TEXT, metrics.scrape().getBytes(StandardCharsets.UTF_8)));
        Dispatcher dispatcher = new Dispatcher(
                table.build(), codec, new HttpMetrics(metrics.registry()), new AccessLog(), options.maxBodyBytes());
        JsonDirectHandler direct = new JsonDirectHandler(new ErrorResponses(codec));
        DirectHandlers.Builder directHandlers = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            directHandlers.addHandler(type, direct);
        }
        WebServer webServer = WebServer.builder()
                .host(options.host())
                .port(options.port())
                .shutdownHook(false)
                .featuresDiscoverServices(false)
                .maxPayloadSize(options.maxBodyBytes())
                .shutdownGracePeriod(Duration.ofSeconds(1))
                .addProtocol(Http1Config.builder().build())
                .directHandlers(directHandlers.build())
                .routing(routing -> routing.any(dispatcher))
                .build()
                .start();
        LOG.info("Gyre prediction server listening on http://{}:{}", options.host(), webServer.port());
        return new PredictionServer(webServer);
    }

    public int port() {
        return webServer.port();
    }

    @Override
    public void close() {
        webServer.stop();
    }
}
