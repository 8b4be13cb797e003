package dev.gyre.data.quality;

/** How a single feature's power to predict the label was measured; see {@link LeakageCheck}. */
public enum LeakageMethod {
    /** Predict the majority label of each distinct feature value. */
    MAJORITY_PER_VALUE,
    /** Predict the majority label on each side of the best single threshold (a decision stump). */
    BEST_THRESHOLD
}
