package dev.gyre.serve.rollout;

/**
 * Where a rollout's history is kept: the deployment store in a server with a metadata store, nothing in one serving
 * local files only. Calls come from the rollout's own thread or an operator's request, never from scoring.
 */
public interface RolloutRecorder {

    /**
     * A recorder that keeps nothing, for a server without a metadata store; each gives its rollouts ids 1, 2, … from a
     * counter of its own.
     */
    static RolloutRecorder unrecorded() {
        java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();
        return new RolloutRecorder() {
            @Override
            public long created(RolloutStart start, String actor, String reason) {
                return ids.incrementAndGet();
            }

            @Override
            public void step(long id, int weightPercent, String kind, String actor, String reason) {}

            @Override
            public void finished(long id, Outcome outcome, String actor, String reason) {}
        };
    }

    /** How a rollout ended. */
    enum Outcome {
        PROMOTED,
        ROLLED_BACK,
        ABORTED
    }

    /** A rollout began; answers its id. */
    long created(RolloutStart start, String actor, String reason);

    /** A step or an analysis: the candidate now gets {@code weightPercent}. */
    void step(long id, int weightPercent, String kind, String actor, String reason);

    /** The rollout ended. */
    void finished(long id, Outcome outcome, String actor, String reason);

    /** At start-up: ends whatever rollout of {@code model} an earlier server left running (it routes nothing now). */
    default void recover(String model) {}
}
