package dev.gyre.server.serving;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.inference.InferenceService;
import dev.gyre.serve.inference.RequestContext;
import dev.gyre.serve.protocol.InferenceRequest;
import dev.gyre.serve.protocol.InferenceResponse;
import dev.gyre.serve.protocol.OipJson;
import dev.gyre.serve.repository.ServedModel;
import dev.gyre.server.http.ApiExchange;
import dev.gyre.server.http.PercentDecoding;
import dev.gyre.server.http.RouteTable;
import io.helidon.http.Method;
import java.util.List;

/**
 * The Open Inference Protocol v2 over REST (KServe's "V2" protocol): {@code /v2/health/live}, {@code
 * /v2/health/ready}, {@code /v2} (server metadata), {@code /v2/models/{m}[/versions/{v}]} (model metadata), {@code
 * …/ready} and {@code …/infer}. Errors answer with the protocol's {@code {"error": "…"}} body and the status of the
 * error code (400 for a bad request, 404 for an unknown model or version, 429 when the model's queue is full, 504 on
 * timeout).
 */
public final class OipHandlers {

    private static final String JSON = "application/json";
    private static final String PREFIX = "/v2/models/";

    /** The header whose value keeps a client on one arm of an A/B rollout (e.g. a user id). */
    public static final String ROUTING_KEY_HEADER = "X-Gyre-Routing-Key";

    private final InferenceService service;
    private final String serverVersion;
    private final long maxBodyBytes;
    private final int maxElements;

    public OipHandlers(InferenceService service, String serverVersion, long maxBodyBytes, int maxElements) {
        this.service = service;
        this.serverVersion = serverVersion;
        this.maxBodyBytes = maxBodyBytes;
        this.maxElements = maxElements;
    }

    public void register(RouteTable.Builder routes) {
        routes.add(Method.GET, "/v2/health/live", ex -> ex.sendBytes(200, JSON, "{\"live\":true}".getBytes()))
                .add(Method.GET, "/v2/health/ready", this::serverReady)
                .add(
                        Method.GET,
                        "/v2",
                        ex -> guarded(
                                ex,
                                () -> ex.sendBytes(
                                        200, JSON, OipJson.writeServerMetadata("gyre", serverVersion, List.of()))))
                .addPrefix(Method.GET, PREFIX, ex -> guarded(ex, () -> modelGet(ex)))
                .addPrefix(Method.POST, PREFIX, ex -> guarded(ex, () -> modelPost(ex)));
    }

    private void serverReady(ApiExchange ex) {
        boolean ready = service.ready();
        ex.sendBytes(ready ? 200 : 503, JSON, ("{\"ready\":" + ready + "}").getBytes());
    }

    private void modelGet(ApiExchange ex) {
        ModelPath path = ModelPath.parse(ex.pathRemainder());
        switch (path.action()) {
            case "" -> {
                ServedModel model = service.model(path.model());
                ex.sendBytes(
                        200,
                        JSON,
                        OipJson.writeModelMetadata(
                                model.name(),
                                List.of(model.current().version()),
                                service.metadata(path.model(), path.version())));
            }
            case "ready" -> {
                service.metadata(path.model(), path.version());
                ex.sendJson(g -> {
                    g.writeStringField("name", path.model());
                    g.writeBooleanField("ready", true);
                });
            }
            default ->
                throw new GyreException(ErrorCode.ENDPOINT_NOT_FOUND, "No endpoint GET " + PREFIX + ex.pathRemainder());
        }
    }

    private void modelPost(ApiExchange ex) {
        long arrival = System.nanoTime();
        ModelPath path = ModelPath.parse(ex.pathRemainder());
        if (!path.action().equals("infer")) {
            throw new GyreException(ErrorCode.ENDPOINT_NOT_FOUND, "No endpoint POST " + PREFIX + ex.pathRemainder());
        }
        InferenceRequest request = OipJson.readRequest(ex.readBody(maxBodyBytes), maxElements);
        InferenceResponse response = service.infer(path.model(), path.version(), request, context(ex, arrival));
        ex.sendBytes(200, JSON, OipJson.writeResponse(response));
    }

    /** The request's id, its routing key ({@value #ROUTING_KEY_HEADER}, for A/B rollouts) and arrival time. */
    static RequestContext context(ApiExchange ex, long arrivalNanos) {
        return new RequestContext(ex.requestId(), ex.requestHeader(ROUTING_KEY_HEADER), arrivalNanos);
    }

    /** Runs {@code action}, answering a {@code GyreException} with the protocol's error body. */
    private static void guarded(ApiExchange ex, Runnable action) {
        try {
            action.run();
        } catch (GyreException e) {
            if (e.code() == ErrorCode.INTERNAL_ERROR || ex.committed()) {
                throw e;
            }
            ex.sendBytes(e.code().httpStatus(), JSON, OipJson.writeError(e.getMessage()));
        }
    }

    /** {@code {m}[/versions/{v}][/action]}, each part percent-decoded. */
    record ModelPath(String model, String version, String action) {

        static ModelPath parse(String remainder) {
            String[] parts = remainder.split("/", -1);
            if (parts.length == 0 || parts[0].isEmpty()) {
                throw new GyreException(
                        ErrorCode.ENDPOINT_NOT_FOUND,
                        "No endpoint " + PREFIX + remainder + ": name a model, e.g. " + PREFIX + "{name}/infer");
            }
            String model = PercentDecoding.path(parts[0]);
            int next = 1;
            String version = null;
            if (parts.length > 2 && parts[1].equals("versions")) {
                version = PercentDecoding.path(parts[2]);
                next = 3;
            }
            String action = parts.length > next ? parts[next] : "";
            if (parts.length > next + 1) {
                throw new GyreException(ErrorCode.ENDPOINT_NOT_FOUND, "No endpoint " + PREFIX + remainder);
            }
            return new ModelPath(model, version, action);
        }
    }
}
