package dev.gyre.server.api.training;

/**
 * How many training jobs a server runs at once and how many more it accepts to wait. A job trains XGBoost on every
 * core it is given, so running several at once only makes each slower while the tracking API competes for the same
 * cores; by default one runs and up to 16 wait. A submission beyond {@code concurrent + queued} unfinished jobs is
 * refused with 429 rather than queued without bound.
 *
 * @param concurrent jobs running at once, at least 1
 * @param queued jobs waiting to start, at least 0 (0: a submission while a job runs is refused)
 */
public record JobLimits(int concurrent, int queued) {

    /** One job at a time, 16 waiting. */
    public static final JobLimits DEFAULT = new JobLimits(1, 16);

    public JobLimits {
        if (concurrent < 1) {
            throw new IllegalArgumentException("concurrent training jobs must be at least 1, got " + concurrent);
        }
        if (queued < 0) {
            throw new IllegalArgumentException("queued training jobs must be at least 0, got " + queued);
        }
    }

    /** The most unfinished (pending or running) jobs held at once. */
    public int unfinished() {
        return concurrent + queued;
    }
}
