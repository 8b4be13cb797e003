package dev.gyre.data.drift;

import java.util.Locale;

/**
 * Where a compared feature's statistics came from, so a reader can tell a deterministic exact result from a sketched
 * one that may move slightly between runs (KLL compaction is randomised).
 */
public enum DistributionSource {
    /** Both sides' exact values (numeric) or exact counts (categorical): the statistic is exact and reproducible. */
    EXACT,
    /** At least one side's sketch: the statistic is within the sketches' documented error. */
    SKETCH;

    /** The lower-case name used in JSON reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
