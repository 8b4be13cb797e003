package dev.gyre.server.api.data;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many data requests (profiling, comparing, validating) compute at once, so that a burst of them cannot
 * take every core from the tracking API: a request waits up to {@code maxWait} for a permit, then gets 503
 * {@code TEMPORARILY_UNAVAILABLE}. Thread-safe.
 */
public final class DataWorkLimiter {

    private final Semaphore permits;
    private final int count;
    private final Duration maxWait;

    public DataWorkLimiter(int permits, Duration maxWait) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, got " + permits);
        }
        this.permits = new Semaphore(permits, true);
        this.count = permits;
        this.maxWait = maxWait;
    }

    /** One permit per available processor, waiting up to 30 s. */
    public static DataWorkLimiter perProcessor() {
        return new DataWorkLimiter(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(30));
    }

    public int permits() {
        return count;
    }

    /** Runs {@code work} holding a permit. */
    public <T> T run(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GyreException(ErrorCode.TEMPORARILY_UNAVAILABLE, "interrupted while waiting for a data worker");
        }
        if (!acquired) {
            throw new GyreException(
                    ErrorCode.TEMPORARILY_UNAVAILABLE, "all " + count + " data workers are busy; retry later");
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
