package dev.gyre.core.deploy;

import java.util.Locale;

/** How a deployment's candidate version shares the served model's traffic with the stable version. */
public enum DeploymentMode {
    /** A share of requests, stepped up on a schedule; an analysis promotes or rolls back on its own. */
    CANARY,
    /** Requests are mirrored to the candidate off the response path; answers always come from the stable version. */
    SHADOW,
    /** A weighted split with sticky routing; promoted or aborted by hand. */
    AB;

    /** The lower-case name used in JSON and on the command line ({@code canary}, {@code shadow}, {@code ab}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode with this label (case-insensitive); {@code IllegalArgumentException} naming the choices otherwise. */
    public static DeploymentMode ofLabel(String label) {
        for (DeploymentMode mode : values()) {
            if (mode.name().equalsIgnoreCase(label)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown deployment mode '" + label + "' (expected canary, shadow or ab)");
    }
}
