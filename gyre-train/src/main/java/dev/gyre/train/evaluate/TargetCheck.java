package dev.gyre.train.evaluate;

import dev.gyre.model.MetricTarget;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of one project target against the measured metrics, with a reason a person can act on.
 *
 * @param target the target as set in the project
 * @param status what happened
 * @param measured the measured value; {@code NaN} when missing, not computable or not checked
 * @param reason one sentence, e.g. {@code auc 0.742 < target 0.8}
 */
public record TargetCheck(MetricTarget target, Status status, double measured, String reason) {

    public TargetCheck {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    /** What a target check concluded. */
    public enum Status {
        /** The measured value meets the target. */
        PASSED,
        /** The measured value misses the target, or is {@code NaN}. */
        FAILED,
        /** The metric was not computed for this task: a misconfigured target, which blocks like a failure. */
        MISSING,
        /** A serving target (latency, throughput, memory): measured later, not at training. */
        NOT_CHECKED;

        /** Whether this outcome blocks the gate. */
        public boolean blocks() {
            return this == FAILED || this == MISSING;
        }

        /** The lower-case name used in JSON. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
