package dev.gyre.server.http;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.server.json.JsonCodec;
import dev.gyre.server.metrics.HttpMetrics;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single Helidon handler: assigns the request id, finds the route, runs it, and turns every failure into
 * MLflow's JSON error — a {@link GyreException} into its code and status, anything unexpected into a logged 500
 * naming the request id — then records metrics and the access log line. The server keeps serving whatever a
 * handler throws.
 */
public final class Dispatcher implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final RouteTable routes;
    private final JsonCodec codec;
    private final ErrorResponses errors;
    private final HttpMetrics metrics;
    private final AccessLog accessLog;
    private final long maxJsonBodyBytes;

    public Dispatcher(
            RouteTable routes, JsonCodec codec, HttpMetrics metrics, AccessLog accessLog, long maxJsonBodyBytes) {
        this.routes = routes;
        this.codec = codec;
        this.errors = new ErrorResponses(codec);
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.maxJsonBodyBytes = maxJsonBodyBytes;
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        long start = System.nanoTime();
        String requestId = RequestIds.acceptOrCreate(
                request.headers().first(RequestIds.HEADER_NAME).orElse(null));
        response.header(RequestIds.HEADER_NAME, requestId);
        String rawPath = request.path().rawPath();
        String method = request.prologue().method().text();
        RouteTable.Match match = routes.match(request.prologue().method(), rawPath);
        String template = HttpMetrics.UNMATCHED;
        String remainder = "";
        if (match instanceof RouteTable.Match.Found found) {
            template = found.route().template();
            remainder = found.remainder();
        } else if (match instanceof RouteTable.Match.WrongMethod wrong) {
            template = wrong.template();
        }
        ApiExchange exchange =
                new ApiExchange(request, response, requestId, codec, errors, maxJsonBodyBytes, remainder);
        try {
            switch (match) {
                case RouteTable.Match.Found found -> found.route().handler().handle(exchange);
                case RouteTable.Match.WrongMethod wrong -> {
                    response.header(HeaderNames.ALLOW, wrong.allowed());
                    exchange.sendError(
                            405,
                            ErrorCode.BAD_REQUEST,
                            "Method " + method + " is not allowed for " + wrong.template() + "; allowed: "
                                    + wrong.allowed() + ".");
                }
                case RouteTable.Match.NotFound notFound ->
                    exchange.sendError(
                            404,
                            ErrorCode.ENDPOINT_NOT_FOUND,
                            "No API endpoint " + method + " " + shorten(rawPath) + ".");
            }
        } catch (GyreException e) {
            if (e.code() == ErrorCode.INTERNAL_ERROR) {
                fail(exchange, 500, ErrorCode.INTERNAL_ERROR, internalMessage(requestId), e);
            } else {
                fail(exchange, e.code().httpStatus(), e.code(), e.getMessage(), null);
            }
        } catch (PayloadTooLargeException e) {
            response.header(HeaderNames.CONNECTION, "close");
            fail(exchange, 413, ErrorCode.RESOURCE_LIMIT_EXCEEDED, e.getMessage(), null);
        } catch (Exception | StackOverflowError e) {
            fail(exchange, 500, ErrorCode.INTERNAL_ERROR, internalMessage(requestId), e);
        } finally {
            long nanos = System.nanoTime() - start;
            int status = exchange.status();
            metrics.record(method, template, status, nanos);
            accessLog.log(requestId, method, rawPath, template, status, nanos, peer(request));
        }
    }

    private void fail(ApiExchange exchange, int status, ErrorCode code, String message, Throwable cause) {
        if (cause != null) {
            LOG.error("Request {} failed unexpectedly", exchange.requestId(), cause);
        }
        if (exchange.committed()) {
            if (cause == null) {
                LOG.warn("Request {} failed after its answer started: {}", exchange.requestId(), message);
            }
            return;
        }
        exchange.sendError(status, code, message);
    }

    private static String internalMessage(String requestId) {
        return "Internal server error (request id " + requestId + "). The server log has the details.";
    }

    private static String shorten(String path) {
        return path.length() > 200 ? path.substring(0, 200) + "…" : path;
    }

    private static String peer(ServerRequest request) {
        return request.remotePeer().host();
    }
}
