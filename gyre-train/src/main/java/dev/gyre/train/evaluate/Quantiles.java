package dev.gyre.train.evaluate;

/** Quantiles of sorted values, shared by the residual summary and the slice bins. */
final class Quantiles {

    private Quantiles() {}

    /**
     * The {@code q}-quantile of {@code sorted} (ascending, not empty) by linear interpolation between the closest
     * ranks: numpy's default ({@code method="linear"}, Hyndman–Fan type 7).
     */
    static double linear(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    /**
     * The {@code q}-quantile of {@code sorted} (ascending, not empty) as an observed value: the smallest value with
     * at least {@code q} of the values at or below it (nearest rank, {@code numpy method="inverted_cdf"}). Bin edges
     * that are real values read better ("age ≤ 42" rather than "age ≤ 41.6").
     */
    static double nearestRank(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length - 1e-9);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }
}
