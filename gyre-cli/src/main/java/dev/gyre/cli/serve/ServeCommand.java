package dev.gyre.cli.serve;

import dev.gyre.cli.CliContext;
import dev.gyre.cli.GyreVersion;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.batch.BatchSettings;
import dev.gyre.serve.inference.InferenceService;
import dev.gyre.serve.log.PredictionLog;
import dev.gyre.serve.repository.ModelLoader;
import dev.gyre.serve.repository.ModelRepository;
import dev.gyre.serve.repository.ModelSource;
import dev.gyre.serve.repository.ServedModel;
import dev.gyre.serve.rollout.RolloutManager;
import dev.gyre.serve.rollout.RolloutRecorder;
import dev.gyre.serve.rollout.StoreRolloutRecorder;
import dev.gyre.server.metrics.ServerMetrics;
import dev.gyre.server.serving.PredictionServer;
import dev.gyre.server.serving.ServingMetrics;
import dev.gyre.server.serving.grpc.GrpcInferenceServer;
import dev.gyre.store.MetadataStores;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gyre serve}: the prediction server. Serves one or more models — registered ({@code models:/credit@champion}
 * follows the alias, {@code models:/credit/3} pins a version) or local (a package folder, an {@code .onnx} file, an
 * XGBoost model file) — over the Open Inference Protocol v2 and MLflow's scoring protocol until stopped.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve models for prediction: Open Inference Protocol v2 (/v2/models/NAME/infer), MLflow scoring"
                    + " (/invocations), /metrics. Models served by alias follow it (hot reload, no failed requests)."
        })
public final class ServeCommand implements Callable<Integer> {

    @Parameters(
            arity = "1..*",
            paramLabel = "[NAME=]MODEL",
            description = "A model to serve: models:/NAME@ALIAS, models:/NAME/VERSION, a package folder, an .onnx file"
                    + " or an XGBoost model file; NAME= sets the name requests use (default: the registered or file"
                    + " name).")
    List<String> models;

    @Option(names = "--host", paramLabel = "HOST", description = "Interface to bind (default 127.0.0.1).")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port, 0 for a free one (default 8080).")
    int port = 8080;

    @Option(
            names = "--grpc-port",
            paramLabel = "PORT",
            description = "gRPC port (Open Inference Protocol's GRPCInferenceService), 0 for a free one, -1 for none"
                    + " (default 8081).")
    int grpcPort = 8081;

    @Option(
            names = "--access-log",
            description = "Log one line per request (request id, path, status, duration); off by default, as it costs"
                    + " more than a prediction at high request rates.")
    boolean accessLog;

    @Option(
            names = "--max-batch-size",
            paramLabel = "ROWS",
            description = "Most rows scored in one call to a model (default 64).")
    int maxBatchRows = BatchSettings.DEFAULTS.maxBatchRows();

    @Option(
            names = "--max-queue-delay-ms",
            paramLabel = "MS",
            description =
                    "How long a batch may wait for more requests; 0 batches whatever queued meanwhile (default 0).")
    long maxQueueDelayMillis;

    @Option(
            names = "--max-queue",
            paramLabel = "REQUESTS",
            description = "Requests that may wait per model before 429 (default 1024).")
    int maxQueued = BatchSettings.DEFAULTS.maxQueuedRequests();

    @Option(
            names = "--timeout-ms",
            paramLabel = "MS",
            description = "Per-request timeout from arrival, queueing included (default 5000).")
    long timeoutMillis = BatchSettings.DEFAULTS.timeout().toMillis();

    @Option(
            names = "--max-concurrent-batches",
            paramLabel = "N",
            description = "Batches of one model scored at once (default: one per core).")
    int maxConcurrentBatches = BatchSettings.DEFAULTS.maxConcurrentBatches();

    @Option(names = "--max-rows", paramLabel = "ROWS", description = "Most rows in one request (default 100000).")
    int maxRows = 100_000;

    @Option(
            names = "--poll-seconds",
            paramLabel = "SECONDS",
            description = "How often aliases are checked for a new version; 0 turns following off (default 5).")
    long pollSeconds = 5;

    @Mixin
    ModelStoreOptions store = new ModelStoreOptions();

    @Spec
    CommandSpec spec;

    private final CliContext context;

    public ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        List<ModelRepository.Entry> entries = entries(models);
        BatchSettings settings;
        try {
            settings = new BatchSettings(
                    maxBatchRows,
                    Duration.ofMillis(maxQueueDelayMillis),
                    maxQueued,
                    Duration.ofMillis(timeoutMillis),
                    maxConcurrentBatches);
        } catch (IllegalArgumentException e) {
            throw GyreException.invalid(e.getMessage());
        }
        if (pollSeconds < 0) {
            throw GyreException.invalid("--poll-seconds cannot be negative: " + pollSeconds);
        }
        boolean registered = entries.stream().anyMatch(e -> e.source() instanceof ModelSource.Registered);
        PrintWriter out = spec.commandLine().getOut();
        try (ServerMetrics metrics = new ServerMetrics();
                ModelStoreOptions.Opened opened = store.open(context, registered)) {
            MetadataStores stores = opened.stores();
            ModelLoader loader = opened.loader();
            ServingMetrics serving = new ServingMetrics(metrics.registry());
            try (ModelRepository repository =
                    ModelRepository.open(entries, loader, settings, serving, Duration.ofSeconds(pollSeconds))) {
                InferenceService service = new InferenceService(repository, serving, PredictionLog.NONE, maxRows);
                try (RolloutManager rollouts = new RolloutManager(
                                repository, recorder(stores), stores == null ? null : stores.registry());
                        PredictionServer server = PredictionServer.start(
                                new PredictionServer.Options(host, port, 64L << 20, 10_000_000),
                                service,
                                repository,
                                metrics,
                                GyreVersion.current(),
                                rollouts);
                        GrpcInferenceServer grpc = grpcPort < 0
                                ? null
                                : GrpcInferenceServer.start(
                                        service, host, grpcPort, GrpcInferenceServer.Settings.defaults())) {
                    announce(out, repository, host, server.port(), grpc);
                    context.stopSignal().awaitStop();
                }
            }
        } finally {
            context.stopSignal().stopped();
        }
        out.println("Gyre prediction server stopped.");
        out.flush();
        return 0;
    }

    private static void announce(
            PrintWriter out, ModelRepository repository, String host, int port, GrpcInferenceServer grpc) {
        String base = "http://" + host + ":" + port;
        for (ServedModel model : repository.models()) {
            out.println("Serving " + model.name() + " (" + model.source() + ", version "
                    + model.current().version() + ", loaded in "
                    + model.current().loadMillis() + " ms): " + base
                    + "/v2/models/" + model.name() + "/infer");
        }
        if (grpc != null) {
            out.println("gRPC (inference.GRPCInferenceService): " + host + ":" + grpc.port());
        }
        if (repository.models().size() == 1) {
            out.println("MLflow scoring: " + base + "/invocations; metrics: " + base + "/metrics");
        }
        out.println("Gyre " + GyreVersion.current() + " prediction server at " + base + "; Ctrl-C stops it.");
        out.flush();
    }

    /** Where rollouts are recorded: the deployment history of the metadata store, when models come from one. */
    private static RolloutRecorder recorder(MetadataStores stores) {
        return stores == null ? RolloutRecorder.unrecorded() : new StoreRolloutRecorder(stores.deployments());
    }

    /** {@code [NAME=]SOURCE} arguments as repository entries. */
    static List<ModelRepository.Entry> entries(List<String> arguments) {
        List<ModelRepository.Entry> entries = new ArrayList<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            boolean named = equals > 0
                    && !argument.substring(0, equals).contains("/")
                    && !argument.substring(0, equals).contains(":");
            String name = named ? argument.substring(0, equals) : null;
            ModelSource source = ModelSource.parse(named ? argument.substring(equals + 1) : argument);
            if (name != null && !name.matches("[A-Za-z0-9_.-]+")) {
                throw GyreException.invalid(
                        "model name '" + name + "' may only contain letters, digits, '_', '.' and '-'");
            }
            entries.add(new ModelRepository.Entry(name != null ? name : source.defaultName(), source));
        }
        return entries;
    }
}
