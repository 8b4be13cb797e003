package dev.gyre.data.drift;

/**
 * L-infinity (Chebyshev) distance between category shares, {@code max_i |r_i - c_i|} over the union of categories,
 * in [0, 1]: the largest change of any single category's share.
 */
public final class LInfinityDistance {

    private LInfinityDistance() {}

    /** Distance between distributions on common bins. */
    public static double of(BinnedDistributions binned) {
        double[] r = binned.referenceShares();
        double[] c = binned.currentShares();
        double max = 0;
        for (int i = 0; i < r.length; i++) {
            max = Math.max(max, Math.abs(r[i] - c[i]));
        }
        return max;
    }
}
