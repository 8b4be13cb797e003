package dev.gyre.bench.data;

import dev.gyre.data.drift.CommonBins;
import dev.gyre.data.drift.KolmogorovSmirnov;
import dev.gyre.data.drift.NumericSummary;
import dev.gyre.data.drift.PopulationStabilityIndex;
import dev.gyre.data.drift.TestResult;
import dev.gyre.data.drift.WassersteinDistance;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Drift statistics for one numeric column, 1M vs 1M rows: the {@code delay} column of {@code flights-3m.parquet}, rows
 * 0–1M against rows 2M–3M, read from the raw double files that {@link DataSetup} writes (scipy reads the same files).
 * Sketch-based statistics (what {@code gyre data compare} computes from two profiles) and exact ones on the raw
 * arrays, timed over several rounds in one JVM (the first round is warm-up); the statistics themselves are printed
 * for {@code bench/data.sh} to check against scipy. The reference: scipy's {@code ks_2samp} ≈ 110 ms and
 * {@code wasserstein_distance} ≈ 350 ms per column here.
 *
 * <p>Usage: {@code DriftBench REF.f64 CUR.f64 [ROUNDS=5]}.
 */
public final class DriftBench {

    private DriftBench() {}

    public static void main(String[] args) throws IOException {
        double[] reference = DataSetup.readDoubles(Path.of(args[0]));
        double[] current = DataSetup.readDoubles(Path.of(args[1]));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        double[][] times = new double[7][rounds];
        NumericSummary ref = null;
        NumericSummary cur = null;
        TestResult ks = null;
        TestResult exactKs = null;
        double w = 0;
        double exactW = 0;
        double exactNormedW = 0;
        double psi = 0;
        for (int round = -1; round < rounds; round++) {
            long t0 = System.nanoTime();
            ref = NumericSummary.of(reference);
            long t1 = System.nanoTime();
            cur = NumericSummary.of(current);
            NumericSummary r = ref;
            NumericSummary c = cur;
            long t2 = System.nanoTime();
            ks = KolmogorovSmirnov.test(r, c);
            long t3 = System.nanoTime();
            w = WassersteinDistance.of(r, c);
            long t4 = System.nanoTime();
            psi = PopulationStabilityIndex.of(CommonBins.referenceQuantiles(r, c, 10), 1e-4);
            long t5 = System.nanoTime();
            exactKs = KolmogorovSmirnov.test(reference, current);
            long t6 = System.nanoTime();
            exactW = WassersteinDistance.of(reference, current);
            long t7 = System.nanoTime();
            exactNormedW = WassersteinDistance.normed(reference, current);
            long t8 = System.nanoTime();
            if (round >= 0) {
                long[] marks = {t0, t1, t2, t3, t4, t5, t6, t7, t8};
                int[][] spans = {{0, 1}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {6, 7}, {7, 8}};
                for (int i = 0; i < spans.length; i++) {
                    times[i][round] = (marks[spans[i][1]] - marks[spans[i][0]]) / 1e6;
                }
            }
            System.out.printf(
                    "round %d: sketch %.1f ms, sketch KS %.2f ms, sketch W %.2f ms, exact KS %.1f ms, exact W %.1f ms%n",
                    round, (t1 - t0) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t6 - t5) / 1e6, (t7 - t6) / 1e6);
        }
        BenchResults.result(
                "bench",
                "drift_gyre",
                "n_ref",
                reference.length,
                "n_cur",
                current.length,
                "rounds",
                rounds,
                "sketch_build_ms",
                BenchResults.ms(BenchResults.median(times[0])),
                "sketch_ks_ms",
                BenchResults.ms(BenchResults.median(times[1])),
                "sketch_w_ms",
                BenchResults.ms(BenchResults.median(times[2])),
                "sketch_psi_ms",
                BenchResults.ms(BenchResults.median(times[3])),
                "exact_ks_ms",
                BenchResults.ms(BenchResults.median(times[4])),
                "exact_w_ms",
                BenchResults.ms(BenchResults.median(times[5])),
                "exact_normed_w_ms",
                BenchResults.ms(BenchResults.median(times[6])));
        BenchResults.result(
                "bench",
                "drift_gyre_values",
                "exact_d",
                exactKs.statistic(),
                "exact_p",
                exactKs.pValue(),
                "exact_w",
                exactW,
                "exact_normed_w",
                exactNormedW,
                "sketch_d",
                ks.statistic(),
                "sketch_p",
                ks.pValue(),
                "sketch_d_bound",
                KolmogorovSmirnov.sketchErrorBound(ref, cur),
                "sketch_w",
                w,
                "sketch_w_bound",
                WassersteinDistance.sketchErrorBound(ref, cur),
                "psi",
                psi);
    }
}
