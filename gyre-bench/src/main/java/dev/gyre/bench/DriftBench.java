package dev.gyre.bench;

import dev.gyre.data.drift.CommonBins;
import dev.gyre.data.drift.KolmogorovSmirnov;
import dev.gyre.data.drift.NumericSummary;
import dev.gyre.data.drift.PopulationStabilityIndex;
import dev.gyre.data.drift.TestResult;
import dev.gyre.data.drift.WassersteinDistance;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Drift statistics for one numeric column, 1M vs 1M rows of {@code flights-3m.parquet} (January-ish rows against
 * rows 2M–3M): sketch-based versus exact, with timings, three rounds in one JVM. The reference: scipy's
 * {@code ks_2samp} ≈ 110 ms and {@code wasserstein_distance} ≈ 350 ms per column here.
 *
 * <p>Run: {@code java -cp gyre-bench/target/classes:<gyre-data classpath> dev.gyre.bench.DriftBench
 * ../shared/data/flights-3m.parquet} (see bench/README.md).
 */
public final class DriftBench {
    private DriftBench() {}

    public static void main(String[] args) throws SQLException {
        String file = args.length > 0 ? args[0] : "../shared/data/flights-3m.parquet";
        double[] reference = delays(file, 0);
        double[] current = delays(file, 2_000_000);
        for (int round = 0; round < 3; round++) {
            NumericSummary ref = time("build 1 sketch (1M rows)", () -> NumericSummary.of(reference));
            NumericSummary cur = NumericSummary.of(current);
            TestResult ks = time("sketch KS (D + p)", () -> KolmogorovSmirnov.test(ref, cur));
            double w = time("sketch normed Wasserstein", () -> WassersteinDistance.normed(ref, cur));
            double psi = time(
                    "sketch PSI", () -> PopulationStabilityIndex.of(CommonBins.referenceQuantiles(ref, cur, 10), 1e-4));
            TestResult exactKs = time("exact KS (D + commons p)", () -> KolmogorovSmirnov.test(reference, current));
            double exactW = time("exact normed Wasserstein", () -> WassersteinDistance.normed(reference, current));
            System.out.printf(
                    "round %d: KS sketch %.5f exact %.5f (bound %.5f); W sketch %.5f exact %.5f; PSI %.5f%n",
                    round,
                    ks.statistic(),
                    exactKs.statistic(),
                    KolmogorovSmirnov.sketchErrorBound(ref, cur),
                    w,
                    exactW,
                    psi);
        }
    }

    private static double[] delays(String file, long offset) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                PreparedStatement s =
                        c.prepareStatement("SELECT delay FROM read_parquet(?) LIMIT 1000000 OFFSET " + offset)) {
            s.setString(1, file);
            try (ResultSet rs = s.executeQuery()) {
                double[] values = new double[1_000_000];
                int n = 0;
                while (rs.next()) {
                    values[n++] = rs.getDouble(1);
                }
                return Arrays.copyOf(values, n);
            }
        }
    }

    private static <T> T time(String what, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        System.out.printf("%-30s %8.1f ms%n", what, (System.nanoTime() - start) / 1e6);
        return result;
    }
}
