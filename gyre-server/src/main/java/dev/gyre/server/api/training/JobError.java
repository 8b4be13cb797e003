package dev.gyre.server.api.training;

import dev.gyre.core.error.ErrorCode;
import java.util.Objects;

/**
 * Why a training job failed, in the shape of the API's error answers: a {@link dev.gyre.core.error.GyreException}'s
 * code and message (bad data, a missing column, every tuning trial failing), or {@code INTERNAL_ERROR} with a
 * generic message when something unexpected failed, whose details only the server log holds.
 */
public record JobError(ErrorCode code, String message) {

    public JobError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
