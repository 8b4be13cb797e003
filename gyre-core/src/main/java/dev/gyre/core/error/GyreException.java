package dev.gyre.core.error;

/**
 * The one exception type that crosses module boundaries: it carries an {@link ErrorCode} and a message meant for
 * the user, which the server turns into MLflow's error body and the CLI prints as is.
 */
public class GyreException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public GyreException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public GyreException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static GyreException invalid(String message) {
        return new GyreException(ErrorCode.INVALID_PARAMETER_VALUE, message);
    }

    public static GyreException notFound(String message) {
        return new GyreException(ErrorCode.RESOURCE_DOES_NOT_EXIST, message);
    }

    public static GyreException alreadyExists(String message) {
        return new GyreException(ErrorCode.RESOURCE_ALREADY_EXISTS, message);
    }
}
