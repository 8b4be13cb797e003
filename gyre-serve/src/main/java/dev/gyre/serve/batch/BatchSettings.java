package dev.gyre.serve.batch;

import java.time.Duration;
import java.util.Objects;

/**
 * How one model's requests are batched and bounded.
 *
 * @param maxBatchRows the most rows scored in one call (a single larger request still runs, alone)
 * @param maxQueueDelay how long a batch may wait for more requests before it runs; zero (the default) batches
 *     opportunistically: whatever queued while the previous batch ran goes together, nothing waits on purpose, which is
 *     the right choice on CPU where a batch of one is already fast
 * @param maxQueuedRequests the most requests waiting; one more is refused with {@code RESOURCE_EXHAUSTED} (429)
 *     rather than letting latency grow without bound
 * @param timeout how long a request may take from its arrival (queueing included) before it fails with {@code
 *     DEADLINE_EXCEEDED} (504)
 */
public record BatchSettings(int maxBatchRows, Duration maxQueueDelay, int maxQueuedRequests, Duration timeout) {

    /** 64 rows, no added delay, 1,024 queued requests, 5 s. */
    public static final BatchSettings DEFAULTS = new BatchSettings(64, Duration.ZERO, 1024, Duration.ofSeconds(5));

    public BatchSettings {
        Objects.requireNonNull(maxQueueDelay, "maxQueueDelay");
        Objects.requireNonNull(timeout, "timeout");
        if (maxBatchRows < 1) {
            throw new IllegalArgumentException("the maximum batch size must be at least 1 row, not " + maxBatchRows);
        }
        if (maxQueueDelay.isNegative()) {
            throw new IllegalArgumentException("the maximum queue delay cannot be negative: " + maxQueueDelay);
        }
        if (maxQueuedRequests < 1) {
            throw new IllegalArgumentException("the queue must hold at least 1 request, not " + maxQueuedRequests);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive, not " + timeout);
        }
    }
}
