package dev.gyre.serve.rollout;

import java.util.Locale;

/** How a candidate version shares a served model's traffic with the stable one. */
public enum RolloutMode {
    /** A share of requests, stepped up on a schedule; an analysis promotes or rolls back on its own. */
    CANARY,
    /** Every request is also scored by the candidate, off the response path; answers always come from stable. */
    SHADOW,
    /** A fixed weighted split, sticky per routing key; promoted or aborted by hand. */
    AB;

    /** The lower-case name used in JSON and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode with this label; {@code IllegalArgumentException} naming the choices otherwise. */
    public static RolloutMode ofLabel(String label) {
        for (RolloutMode mode : values()) {
            if (mode.label().equals(label)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown rollout mode '" + label + "' (expected canary, shadow or ab)");
    }
}
