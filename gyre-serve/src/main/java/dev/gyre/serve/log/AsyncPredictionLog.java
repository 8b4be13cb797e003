package dev.gyre.serve.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PredictionLog} that queues records in a bounded queue and writes them to a {@link PredictionSink} in
 * batches on a thread of its own. When the sink falls behind and the queue is full, new records are dropped and
 * counted ({@link #dropped()}): serving never waits for logging and never fails because of it.
 */
public final class AsyncPredictionLog implements PredictionLog {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncPredictionLog.class);
    private static final int MAX_BATCH = 1024;

    private final BlockingQueue<PredictionRecord> queue;
    private final PredictionSink sink;
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closing;

    public AsyncPredictionLog(PredictionSink sink, int capacity) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().name("gyre-prediction-log").daemon().start(this::drain);
    }

    @Override
    public void offer(PredictionRecord record) {
        if (closing || !queue.offer(record)) {
            dropped.incrementAndGet();
        }
    }

    /** Records written by the sink so far. */
    public long written() {
        return written.get();
    }

    /** Records dropped because the queue was full (or the log closing). */
    public long dropped() {
        return dropped.get();
    }

    /** Records lost because the sink failed. */
    public long failed() {
        return failed.get();
    }

    private void drain() {
        List<PredictionRecord> batch = new ArrayList<>(MAX_BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                PredictionRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                break;
            } finally {
                batch.clear();
            }
        }
        queue.drainTo(batch);
        write(batch);
    }

    private void write(List<PredictionRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            sink.write(batch);
            written.addAndGet(batch.size());
        } catch (Exception e) {
            failed.addAndGet(batch.size());
            LOG.warn("prediction log: {} records lost: {}", batch.size(), e.toString());
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
