package dev.gyre.server.serving.grpc;

import dev.gyre.server.http.RequestIds;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Gives each call the request id that its log lines and error reports carry, as the REST server does: the client's
 * {@code x-request-id} metadata when it is short and plain, else a new random one; it is sent back in the response
 * headers (in the trailers of a call that fails before any) so that a client can quote it.
 */
final class RequestIdInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> HEADER = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    /** The current call's request id. */
    static final Context.Key<String> REQUEST_ID = Context.key("gyre-request-id");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String requestId = RequestIds.acceptOrCreate(headers.get(HEADER));
        ServerCall<Q, R> tagged = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            private boolean headersSent;

            @Override
            public void sendHeaders(Metadata responseHeaders) {
                responseHeaders.put(HEADER, requestId);
                headersSent = true;
                super.sendHeaders(responseHeaders);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                if (!headersSent) {
                    // A failed call answers with trailers only: the id goes there.
                    trailers.put(HEADER, requestId);
                }
                super.close(status, trailers);
            }
        };
        return Contexts.interceptCall(Context.current().withValue(REQUEST_ID, requestId), tagged, headers, next);
    }

    /** The request id of the call being served; a new one outside a call. */
    static String current() {
        String requestId = REQUEST_ID.get();
        return requestId == null ? RequestIds.create() : requestId;
    }
}
