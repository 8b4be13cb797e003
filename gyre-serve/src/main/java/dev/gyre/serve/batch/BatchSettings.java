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
 * @param maxConcurrentBatches how many batches of the model may be scored at once (each on its own request thread,
 *     with one native thread per call): one per core keeps every core busy without oversubscribing them
 */
public record BatchSettings(
        int maxBatchRows, Duration maxQueueDelay, int maxQueuedRequests, Duration timeout, int maxConcurrentBatches) {

    /** 64 rows, no added delay, 1,024 queued requests, 5 s, one batch per core at a time. */
    public static final BatchSettings DEFAULTS = new BatchSettings(
            64, Duration.ZERO, 1024, Duration.ofSeconds(5), Runtime.getRuntime().availableProcessors());

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
        if (maxConcurrentBatches < 1) {
            throw new IllegalArgumentException(
                    "at least 1 batch must be allowed to run at a time, not " + maxConcurrentBatches);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive, not " + timeout);
        }
    }
}
