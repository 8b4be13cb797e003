package dev.gyre.data.drift;

/**
 * Kolmogorov's limiting distribution of {@code sqrt(n) * D}: survival {@code Q(t) = 2 sum_{k>=1} (-1)^(k-1)
 * exp(-2 k^2 t^2)}, evaluated with the equivalent theta-function form {@code 1 - sqrt(2 pi)/t sum_{k>=1}
 * exp(-(2k-1)^2 pi^2 / (8 t^2))} for {@code t < 1} where the alternating series converges slowly. Absolute error below
 * 1e-15. Commons-statistics computes the same limit but does not expose it publicly.
 */
final class KolmogorovLimit {

    private KolmogorovLimit() {}

    static double survival(double t) {
        if (!(t > 0)) {
            return 1;
        }
        if (t < 1) {
            double sum = 0;
            double factor = -Math.PI * Math.PI / (8 * t * t);
            for (int k = 1; k <= 20; k++) {
                double odd = 2 * k - 1;
                sum += Math.exp(factor * odd * odd);
            }
            return clamp(1 - Math.sqrt(2 * Math.PI) / t * sum);
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * t * t);
            sum += (k % 2 == 1) ? term : -term;
            if (term < 1e-17) {
                break;
            }
        }
        return clamp(2 * sum);
    }

    private static double clamp(double p) {
        return Math.min(1, Math.max(0, p));
    }
}
