package dev.gyre.data.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Timings of one numeric column, 1M vs 1M rows; run with {@code -Dgyre.drift.timing=true}. */
@EnabledIfSystemProperty(named = "gyre.drift.timing", matches = "true")
class DriftTimingTest {

    @Test
    void sketchVersusExactOnMillionRows() {
        String file = DriftData.shared("flights-3m.parquet").toString();
        double[] reference = DriftData.doubles("SELECT delay FROM read_parquet('" + file + "') LIMIT 1000000");
        double[] current =
                DriftData.doubles("SELECT delay FROM read_parquet('" + file + "') LIMIT 1000000 OFFSET 2000000");
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
                    "round %d: KS sketch %.5f exact %.5f; W sketch %.5f exact %.5f; PSI %.5f%n",
                    round, ks.statistic(), exactKs.statistic(), w, exactW, psi);
            for (int k : new int[] {800, 2000}) {
                NumericSummary r = NumericSummary.of(reference, k);
                NumericSummary c = NumericSummary.of(current, k);
                System.out.printf(
                        "k=%d: KS %.5f W %.5f retained %d + %d, %d + %d bytes%n",
                        k,
                        KolmogorovSmirnov.test(r, c).statistic(),
                        WassersteinDistance.normed(r, c),
                        r.sketch().getNumRetained(),
                        c.sketch().getNumRetained(),
                        r.sketch().getSerializedSizeBytes(),
                        c.sketch().getSerializedSizeBytes());
            }
            assertThat(Math.abs(ks.statistic() - exactKs.statistic()))
                    .isLessThanOrEqualTo(KolmogorovSmirnov.sketchErrorBound(ref, cur));
        }
    }

    private static <T> T time(String what, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        System.out.printf("%-30s %8.1f ms%n", what, (System.nanoTime() - start) / 1e6);
        return result;
    }
}
