package dev.gyre.serve.repository;

import dev.gyre.serve.batch.BatchObserver;

/** What the {@link ModelRepository} reports as it loads and switches models: metrics and logs listen here. */
public interface RepositoryEvents {

    /** Reports nothing. */
    RepositoryEvents NONE = new RepositoryEvents() {};

    /** The observer for the batches of one version. */
    default BatchObserver batches(String model, String version) {
        return BatchObserver.NONE;
    }

    /** A version was loaded and warmed up in {@code millis} and is serving now. */
    default void loaded(String model, String version, long millis) {}

    /** A newer version could not be loaded; the current one keeps serving. */
    default void reloadFailed(String model, String reason) {}
}
