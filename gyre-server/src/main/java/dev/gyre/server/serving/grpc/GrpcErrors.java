package dev.gyre.server.serving.grpc;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Gyre's errors as gRPC statuses, by the HTTP status their code carries so that REST and gRPC clients see the same
 * classes of failure: 400 → {@code INVALID_ARGUMENT}, 403 → {@code PERMISSION_DENIED}, 404 → {@code NOT_FOUND}, 429 →
 * {@code RESOURCE_EXHAUSTED}, 501 → {@code UNIMPLEMENTED}, 503 → {@code UNAVAILABLE}, 504 → {@code
 * DEADLINE_EXCEEDED}, anything else {@code INTERNAL}. The message becomes the status description and Gyre's code
 * travels in the {@value #CODE_TRAILER} trailer for clients that match on it.
 */
final class GrpcErrors {

    /** The trailer that carries Gyre's error code, e.g. {@code INVALID_PARAMETER_VALUE}. */
    static final String CODE_TRAILER = "gyre-error-code";

    static final Metadata.Key<String> CODE_KEY = Metadata.Key.of(CODE_TRAILER, Metadata.ASCII_STRING_MARSHALLER);

    /**
     * Descriptions travel in a header, which clients cap (8 KiB by default); a message naming many served models
     * stays well under that.
     */
    private static final int MAX_DESCRIPTION = 4000;

    private GrpcErrors() {}

    /** The status a client error answers with. */
    static Status.Code code(ErrorCode code) {
        return switch (code.httpStatus()) {
            case 400 -> Status.Code.INVALID_ARGUMENT;
            case 403 -> Status.Code.PERMISSION_DENIED;
            case 404 -> Status.Code.NOT_FOUND;
            case 429 -> Status.Code.RESOURCE_EXHAUSTED;
            case 501 -> Status.Code.UNIMPLEMENTED;
            case 503 -> Status.Code.UNAVAILABLE;
            case 504 -> Status.Code.DEADLINE_EXCEEDED;
            default -> Status.Code.INTERNAL;
        };
    }

    /** {@code e} as a status exception with its message (which must not be an internal one). */
    static StatusRuntimeException of(GyreException e) {
        String message = e.getMessage() == null ? e.code().name() : e.getMessage();
        if (message.length() > MAX_DESCRIPTION) {
            message = message.substring(0, MAX_DESCRIPTION) + "…";
        }
        Metadata trailers = new Metadata();
        trailers.put(CODE_KEY, e.code().name());
        return Status.fromCode(code(e.code())).withDescription(message).asRuntimeException(trailers);
    }

    /** An unexpected failure, whose details stay in the server log. */
    static StatusRuntimeException internal(String requestId) {
        Metadata trailers = new Metadata();
        trailers.put(CODE_KEY, ErrorCode.INTERNAL_ERROR.name());
        return Status.INTERNAL
                .withDescription(
                        "Internal server error (request id " + requestId + "). The server log has the details.")
                .asRuntimeException(trailers);
    }
}
