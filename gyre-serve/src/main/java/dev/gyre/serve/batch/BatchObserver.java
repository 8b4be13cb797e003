package dev.gyre.serve.batch;

/** Hears about every batch a {@link DynamicBatcher} runs, for metrics; called on the scoring thread, so keep it cheap. */
public interface BatchObserver {

    /** Observes nothing. */
    BatchObserver NONE = (requests, rows, nanos) -> {};

    /** A batch of {@code requests} requests and {@code rows} rows was scored in {@code nanos}. */
    void batchRan(int requests, int rows, long nanos);
}
