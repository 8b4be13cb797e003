package dev.gyre.serve.log;

/**
 * The hook every answered prediction passes through: {@link #offer} must return at once, whatever happens behind
 * it. The default logs nothing.
 */
public interface PredictionLog extends AutoCloseable {

    /** Logs nothing, at no cost. */
    PredictionLog NONE = new PredictionLog() {
        @Override
        public void offer(PredictionRecord record) {}

        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void close() {}
    };

    /** Whether records are wanted at all; when not, callers skip building them (the request path allocates less). */
    default boolean enabled() {
        return true;
    }

    /** Hands a record over without blocking; it may be dropped (and counted) when the log is behind. */
    void offer(PredictionRecord record);

    /** Writes what is queued, then stops. */
    @Override
    void close();
}
