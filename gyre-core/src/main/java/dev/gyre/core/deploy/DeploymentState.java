package dev.gyre.core.deploy;

import java.util.Locale;

/** Where a deployment stands: running, or ended one of three ways. Only a running deployment changes. */
public enum DeploymentState {
    RUNNING,
    /** The candidate replaced the stable version. */
    PROMOTED,
    /** The candidate was withdrawn (by the analysis or by hand) and the stable version serves everything. */
    ROLLED_BACK,
    /** Stopped without a verdict; the stable version serves everything. */
    ABORTED;

    public boolean isTerminal() {
        return this != RUNNING;
    }

    /** The lower-case name used in JSON and on the command line ({@code running}, {@code rolled_back}, …). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The candidate's traffic share once a deployment has ended in this state: 100 when promoted (the candidate
     * serves everything), 0 otherwise.
     *
     * @throws IllegalArgumentException for {@link #RUNNING}, which is not an end
     */
    public int finalWeightPercent() {
        return switch (this) {
            case PROMOTED -> 100;
            case ROLLED_BACK, ABORTED -> 0;
            case RUNNING -> throw new IllegalArgumentException("RUNNING is not a final deployment state");
        };
    }

    /**
     * The event kind that records ending in this state ({@code promoted}, {@code rolled_back}, {@code aborted}).
     *
     * @throws IllegalArgumentException for {@link #RUNNING}, which is not an end
     */
    public String finishKind() {
        if (this == RUNNING) {
            throw new IllegalArgumentException("RUNNING is not a final deployment state");
        }
        return label();
    }
}
