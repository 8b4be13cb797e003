package dev.gyre.serve.log;

import java.util.List;

/**
 * Where logged predictions go (local segment files, Kafka: the monitoring stage's implementations). Called from
 * {@link AsyncPredictionLog}'s own thread with batches, never from a request thread, so a slow sink cannot slow a
 * prediction down.
 */
@FunctionalInterface
public interface PredictionSink {

    /** Writes a batch of records; a failure is counted and the batch dropped. */
    void write(List<PredictionRecord> records) throws Exception;
}
