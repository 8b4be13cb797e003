package dev.gyre.data.drift;

/**
 * Jensen–Shannon distance {@code sqrt(JSD)}, {@code JSD = (KL(r || m) + KL(c || m)) / 2} with {@code m = (r + c) / 2},
 * logarithm base 2, over common bins; symmetric, in [0, 1]: 0 for identical distributions, 1 for disjoint supports.
 * Terms with a zero share contribute 0. (SciPy's {@code jensenshannon} default, used by Evidently, takes the natural
 * log: that distance is this one times {@code sqrt(ln 2) ≈ 0.833}.)
 */
public final class JensenShannonDistance {

    private JensenShannonDistance() {}

    /** Distance between distributions on common bins. */
    public static double of(BinnedDistributions binned) {
        return ofShares(binned.referenceShares(), binned.currentShares());
    }

    /** Distance between two share vectors over the same bins (normalised to sum 1 first). */
    public static double ofShares(double[] reference, double[] current) {
        if (reference.length != current.length) {
            throw new IllegalArgumentException("share vectors differ in length");
        }
        double sumR = 0;
        double sumC = 0;
        for (int i = 0; i < reference.length; i++) {
            sumR += reference[i];
            sumC += current[i];
        }
        double divergence = 0;
        for (int i = 0; i < reference.length; i++) {
            double r = reference[i] / sumR;
            double c = current[i] / sumC;
            double m = (r + c) / 2;
            divergence += term(r, m) + term(c, m);
        }
        return Math.sqrt(Math.max(0, divergence / 2));
    }

    private static double term(double p, double m) {
        return p > 0 ? p * Math.log(p / m) / Math.log(2) : 0;
    }
}
