package dev.gyre.serve.rollout;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one arm (stable or candidate) did during an analysis window: requests, errors, a latency histogram and the
 * first moments of its primary output (e.g. the probability). Lock-free and cheap to record; the window is replaced,
 * not reset, when the analysis takes it.
 *
 * <p>Latency buckets are logarithmic, 8 per doubling from 10 µs to ~40 s, so a percentile is accurate to about 9%.
 */
public final class ArmStats {

    private static final double FIRST_BUCKET_NANOS = 10_000;
    private static final int BUCKETS_PER_DOUBLING = 8;
    private static final int BUCKETS = 22 * BUCKETS_PER_DOUBLING;

    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicLongArray latency = new AtomicLongArray(BUCKETS);
    private final LongAdder outputs = new LongAdder();
    private final DoubleAdder outputSum = new DoubleAdder();
    private final DoubleAdder outputSquares = new DoubleAdder();

    /** A request answered in {@code nanos}; {@code output} is its first numeric output value, NaN if none. */
    public void succeeded(long nanos, double output) {
        requests.increment();
        latency.incrementAndGet(bucket(nanos));
        if (!Double.isNaN(output)) {
            outputs.increment();
            outputSum.add(output);
            outputSquares.add(output * output);
        }
    }

    /** A request that failed after {@code nanos}. */
    public void failed(long nanos) {
        requests.increment();
        errors.increment();
        latency.incrementAndGet(bucket(nanos));
    }

    /** The window's figures now. */
    public Snapshot snapshot() {
        long total = requests.sum();
        long[] counts = new long[BUCKETS];
        long counted = 0;
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] = latency.get(i);
            counted += counts[i];
        }
        double p99 = Double.NaN;
        if (counted > 0) {
            long rank = (long) Math.ceil(counted * 0.99);
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    p99 = upperBoundNanos(i) / 1e6;
                    break;
                }
            }
        }
        long n = outputs.sum();
        double mean = n == 0 ? Double.NaN : outputSum.sum() / n;
        double variance = n < 2 ? Double.NaN : Math.max(0, (outputSquares.sum() - n * mean * mean) / (n - 1));
        return new Snapshot(total, errors.sum(), p99, n, mean, Math.sqrt(variance));
    }

    private static int bucket(long nanos) {
        if (nanos <= FIRST_BUCKET_NANOS) {
            return 0;
        }
        int index = (int) Math.ceil(Math.log(nanos / FIRST_BUCKET_NANOS) / Math.log(2) * BUCKETS_PER_DOUBLING);
        return Math.min(index, BUCKETS - 1);
    }

    private static double upperBoundNanos(int bucket) {
        return FIRST_BUCKET_NANOS * Math.pow(2, (double) bucket / BUCKETS_PER_DOUBLING);
    }

    /**
     * One arm's window.
     *
     * @param requests requests answered or failed
     * @param errors requests failed
     * @param p99Millis the 99th latency percentile (upper bucket bound), NaN without requests
     * @param outputs requests with a numeric primary output
     * @param outputMean its mean, NaN without any
     * @param outputStdDev its standard deviation, NaN below two
     */
    public record Snapshot(
            long requests, long errors, double p99Millis, long outputs, double outputMean, double outputStdDev) {

        /** Errors per request, 0 without requests. */
        public double errorRate() {
            return requests == 0 ? 0 : (double) errors / requests;
        }
    }
}
