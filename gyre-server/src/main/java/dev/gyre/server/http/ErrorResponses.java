package dev.gyre.server.http;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.server.json.JsonCodec;

/**
 * MLflow's error body, {@code {"error_code": "…", "message": "…"}}: every non-200 answer of the API carries one,
 * because MLflow clients parse it to raise their exceptions.
 */
public final class ErrorResponses {

    private final JsonCodec codec;

    public ErrorResponses(JsonCodec codec) {
        this.codec = codec;
    }

    public byte[] body(ErrorCode code, String message) {
        return codec.writeObject(g -> {
            g.writeStringField("error_code", code.name());
            g.writeStringField("message", message == null ? code.name() : message);
        });
    }

    /** The error code that best describes a bare HTTP status produced outside the API handlers. */
    public static ErrorCode codeFor(int status) {
        return switch (status) {
            case 404 -> ErrorCode.ENDPOINT_NOT_FOUND;
            case 403 -> ErrorCode.PERMISSION_DENIED;
            case 413, 431 -> ErrorCode.RESOURCE_LIMIT_EXCEEDED;
            case 501 -> ErrorCode.NOT_IMPLEMENTED;
            case 503 -> ErrorCode.TEMPORARILY_UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
    }
}
