package dev.gyre.serve.inference;

import dev.gyre.core.error.ErrorCode;

/** Hears the outcome of every inference, for metrics; called on the request thread, so keep it cheap. */
public interface InferenceObserver {

    /** Observes nothing. */
    InferenceObserver NONE = new InferenceObserver() {};

    /** {@code model} version {@code version} answered {@code rows} rows in {@code nanos} (queueing included). */
    default void succeeded(String model, String version, int rows, long nanos) {}

    /** A request for {@code model} failed with {@code code} after {@code nanos}. */
    default void failed(String model, ErrorCode code, long nanos) {}
}
