package dev.gyre.server.api.training;

/** Where a training job is: waiting for a worker, training, or done one way or the other. */
public enum JobStatus {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED;

    /** Whether the job is done (it will not change again). */
    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
