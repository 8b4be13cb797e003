package dev.gyre.server;

import dev.gyre.server.api.AliasHandlers;
import dev.gyre.server.api.ApiRoutes;
import dev.gyre.server.api.ArtifactHandlers;
import dev.gyre.server.api.DatasetHandlers;
import dev.gyre.server.api.ExperimentHandlers;
import dev.gyre.server.api.ModelRegistryHandlers;
import dev.gyre.server.api.RunHandlers;
import dev.gyre.server.api.data.DataHandlers;
import dev.gyre.server.api.data.DataPaths;
import dev.gyre.server.api.data.DataWorkLimiter;
import dev.gyre.server.api.training.EvaluationHandlers;
import dev.gyre.server.api.training.TrainingContext;
import dev.gyre.server.api.training.TrainingHandlers;
import dev.gyre.server.api.training.TrainingJobs;
import dev.gyre.server.http.AccessLog;
import dev.gyre.server.http.Dispatcher;
import dev.gyre.server.http.ErrorResponses;
import dev.gyre.server.http.JsonDirectHandler;
import dev.gyre.server.http.RouteTable;
import dev.gyre.server.json.JsonCodec;
import dev.gyre.server.metrics.HttpMetrics;
import dev.gyre.server.metrics.ServerMetrics;
import dev.gyre.server.metrics.StoreTimer;
import dev.gyre.server.metrics.TimedArtifactStore;
import dev.gyre.server.metrics.TimedDatasetRegistryStore;
import dev.gyre.server.metrics.TimedModelRegistryStore;
import dev.gyre.server.metrics.TimedTrackingStore;
import dev.gyre.server.ops.OperationalHandlers;
import dev.gyre.server.ops.ServerVersion;
import dev.gyre.store.DatasetRegistryStore;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.ModelRegistryStore;
import dev.gyre.store.TrackingStore;
import dev.gyre.store.artifact.ArtifactStore;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http1.Http1Config;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GyreServer} on Helidon SE's WebServer: blocking handlers on virtual threads, one {@link Dispatcher} over
 * a {@link RouteTable} of the MLflow API, the artifact proxy and the operational endpoints.
 */
final class HelidonGyreServer implements GyreServer {

    private static final Logger LOG = LoggerFactory.getLogger(HelidonGyreServer.class);

    /** MLflow's UI and tests send GET URLs well over 8 KB (100+ run ids); 64 KB leaves room. */
    static final int MAX_REQUEST_LINE_BYTES = 64 * 1024;

    static final int MAX_HEADERS_BYTES = 64 * 1024;

    static final List<String> MLFLOW_PREFIXES = List.of("/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/");

    static final List<String> ARTIFACT_PREFIXES =
            List.of("/api/2.0/mlflow-artifacts/", "/ajax-api/2.0/mlflow-artifacts/");

    private final WebServer webServer;
    private final ServerMetrics metrics;
    private final TrainingJobs trainingJobs;
    private final String host;

    private HelidonGyreServer(WebServer webServer, ServerMetrics metrics, TrainingJobs trainingJobs, String host) {
        this.webServer = webServer;
        this.metrics = metrics;
        this.trainingJobs = trainingJobs;
        this.host = host;
    }

    static GyreServer start(Options options, MetadataStores stores, ArtifactStore artifacts) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(artifacts, "artifacts");
        ServerMetrics metrics = new ServerMetrics();
        TrainingJobs trainingJobs = null;
        try {
            JsonCodec codec = new JsonCodec();
            TrackingStore tracking =
                    new TimedTrackingStore(stores.tracking(), new StoreTimer(metrics.registry(), "tracking"));
            ModelRegistryStore registry =
                    new TimedModelRegistryStore(stores.registry(), new StoreTimer(metrics.registry(), "registry"));
            DatasetRegistryStore datasets =
                    new TimedDatasetRegistryStore(stores.datasets(), new StoreTimer(metrics.registry(), "datasets"));
            ArtifactStore timedArtifacts =
                    new TimedArtifactStore(artifacts, new StoreTimer(metrics.registry(), "artifacts"));

            RouteTable.Builder table = RouteTable.builder();
            ApiRoutes mlflow = new ApiRoutes(table, MLFLOW_PREFIXES);
            new ExperimentHandlers(tracking).register(mlflow);
            new RunHandlers(tracking, codec).register(mlflow);
            new ModelRegistryHandlers(registry, tracking).register(mlflow);
            ArtifactHandlers artifactHandlers =
                    new ArtifactHandlers(timedArtifacts, tracking, options.maxArtifactBodyBytes());
            artifactHandlers.registerTracking(mlflow);
            artifactHandlers.registerProxy(new ApiRoutes(table, ARTIFACT_PREFIXES));
            ApiRoutes gyre = new ApiRoutes(table, ApiRoutes.GYRE_PREFIXES);
            DataPaths dataPaths = DataPaths.of(options.dataRoots(), options.host());
            new DatasetHandlers(datasets, tracking, dataPaths).register(gyre);
            new AliasHandlers(registry).register(gyre);
            DataWorkLimiter dataWork = DataWorkLimiter.perProcessor();
            new DataHandlers(dataWork, dataPaths, datasets).register(gyre);
            ServerVersion version = ServerVersion.load();
            TrainingContext training = new TrainingContext(
                    tracking, registry, datasets, timedArtifacts, version.gyre(), Clock.systemUTC());
            trainingJobs = new TrainingJobs(training, options.trainingJobs(), dataPaths);
            new TrainingHandlers(trainingJobs).register(gyre);
            new EvaluationHandlers(training, dataWork, dataPaths).register(gyre);
            new OperationalHandlers(tracking, metrics, version).register(table);

            Dispatcher dispatcher = new Dispatcher(
                    table.build(),
                    codec,
                    new HttpMetrics(metrics.registry()),
                    new AccessLog(),
                    options.maxJsonBodyBytes());
            DirectHandler directHandler = new JsonDirectHandler(new ErrorResponses(codec));
            DirectHandlers.Builder directHandlers = DirectHandlers.builder();
            for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                directHandlers.addHandler(type, directHandler);
            }

            WebServer webServer = WebServer.builder()
                    .host(options.host())
                    .port(options.port())
                    .shutdownHook(false)
                    .featuresDiscoverServices(false)
                    .maxPayloadSize(Math.max(options.maxArtifactBodyBytes(), options.maxJsonBodyBytes()))
                    .shutdownGracePeriod(Duration.ofSeconds(1))
                    .addProtocol(Http1Config.builder()
                            .maxPrologueLength(MAX_REQUEST_LINE_BYTES)
                            .maxHeadersSize(MAX_HEADERS_BYTES)
                            .build())
                    .directHandlers(directHandlers.build())
                    .routing(routing -> routing.any(dispatcher))
                    .build()
                    .start();
            LOG.info("Gyre server listening on http://{}:{}", options.host(), webServer.port());
            LOG.info(dataPaths.describe());
            return new HelidonGyreServer(webServer, metrics, trainingJobs, options.host());
        } catch (RuntimeException e) {
            if (trainingJobs != null) {
                trainingJobs.close();
            }
            metrics.close();
            throw e;
        }
    }

    @Override
    public int port() {
        return webServer.port();
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public void close() {
        try {
            webServer.stop();
        } finally {
            try {
                trainingJobs.close();
            } finally {
                metrics.close();
            }
        }
    }
}
