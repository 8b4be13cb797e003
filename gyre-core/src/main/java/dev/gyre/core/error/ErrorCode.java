package dev.gyre.core.error;

/**
 * Error codes with the names and HTTP statuses MLflow's REST API uses, so that MLflow clients that match on
 * {@code error_code} behave the same against Gyre.
 */
public enum ErrorCode {
    INVALID_PARAMETER_VALUE(400),
    BAD_REQUEST(400),
    MALFORMED_REQUEST(400),
    INVALID_STATE(400),
    RESOURCE_ALREADY_EXISTS(400),
    RESOURCE_LIMIT_EXCEEDED(400),
    PERMISSION_DENIED(403),
    RESOURCE_DOES_NOT_EXIST(404),
    ENDPOINT_NOT_FOUND(404),
    RESOURCE_EXHAUSTED(429),
    NOT_IMPLEMENTED(501),
    INTERNAL_ERROR(500),
    DEADLINE_EXCEEDED(504),
    TEMPORARILY_UNAVAILABLE(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status MLflow's server answers with for this code. */
    public int httpStatus() {
        return httpStatus;
    }
}
