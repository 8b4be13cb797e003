package dev.gyre.server.serving;

import dev.gyre.core.error.GyreException;
import dev.gyre.serve.inference.InferenceService;
import dev.gyre.serve.protocol.MlflowScoring;
import dev.gyre.serve.repository.ServedModel;
import dev.gyre.server.http.ApiExchange;
import dev.gyre.server.http.RouteTable;
import io.helidon.http.Method;

/**
 * MLflow's scoring protocol, as {@code mlflow models serve} speaks it, so that clients written for an MLflow model
 * server work unchanged: {@code POST /invocations} with {@code dataframe_split}, {@code dataframe_records}, {@code
 * instances} or {@code inputs} JSON, or CSV ({@code Content-Type: text/csv}); {@code GET /ping} and {@code /health}
 * (200 once every model is loaded) and {@code /version}. The answer is {@code {"predictions": …}}; errors use MLflow's
 * {@code {"error_code", "message"}}. With several models served, {@code /invocations} needs exactly one and says so.
 */
public final class MlflowScoringHandlers {

    private static final String JSON = "application/json";

    private final InferenceService service;
    private final String serverVersion;
    private final long maxBodyBytes;
    private final int maxElements;

    public MlflowScoringHandlers(InferenceService service, String serverVersion, long maxBodyBytes, int maxElements) {
        this.service = service;
        this.serverVersion = serverVersion;
        this.maxBodyBytes = maxBodyBytes;
        this.maxElements = maxElements;
    }

    public void register(RouteTable.Builder routes) {
        routes.add(Method.POST, "/invocations", this::invocations)
                .add(Method.GET, "/ping", this::health)
                .add(Method.GET, "/health", this::health)
                .add(Method.GET, "/version", ex -> ex.sendText(200, serverVersion));
    }

    private void health(ApiExchange ex) {
        if (service.ready()) {
            ex.sendText(200, "\n");
        } else {
            ex.sendText(503, "models are still loading\n");
        }
    }

    private void invocations(ApiExchange ex) {
        long arrival = System.nanoTime();
        ServedModel model = service.onlyModel();
        String mediaType = ex.mediaType();
        if (mediaType == null) {
            throw GyreException.invalid(
                    "Content-Type is missing: send application/json (dataframe_split, dataframe_records, instances or"
                            + " inputs) or text/csv");
        }
        boolean csv =
                switch (mediaType) {
                    case JSON -> false;
                    case "text/csv" -> true;
                    default ->
                        throw GyreException.invalid(
                                "Content-Type " + mediaType + " is not supported: send application/json or text/csv");
                };
        byte[] body = ex.readBody(maxBodyBytes);
        InferenceService.Scored scored = service.predict(
                model.name(),
                metadata -> csv
                        ? MlflowScoring.readCsv(body, metadata, maxElements)
                        : MlflowScoring.readJson(body, metadata, maxElements),
                OipHandlers.context(ex, arrival));
        ex.sendBytes(200, JSON, MlflowScoring.writePredictions(scored.outputs()));
    }
}
