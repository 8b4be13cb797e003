package dev.gyre.bench.data;

import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.read.DatasetSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Warm, in-JVM timing of {@code DatasetProfiler.profile} — the work behind {@code gyre data profile} without the JVM
 * start: {@code WARMUP} unmeasured rounds, then {@code ROUNDS} measured ones; prints the median and the minimum.
 *
 * <p>Usage: {@code ProfileBench FILE [WARMUP=2] [ROUNDS=5]}.
 */
public final class ProfileBench {

    private ProfileBench() {}

    /**
     * The sum of the heap pools' peak usage since the JVM started, in MiB: an upper bound of the peak heap in use
     * (the pools need not peak at the same moment).
     */
    static long peakHeapMiB() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes >> 20;
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        DatasetSource source = DatasetSource.of(file);
        long rows = 0;
        int features = 0;
        for (int i = 0; i < warmup; i++) {
            double ms = BenchResults.millis(() -> DatasetProfiler.profile(source));
            System.out.printf("warm-up %d: %.0f ms%n", i + 1, ms);
        }
        double[] times = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            DatasetProfile profile = DatasetProfiler.profile(source);
            times[i] = (System.nanoTime() - start) / 1e6;
            rows = profile.rowCount();
            features = profile.features().size();
            System.out.printf("round %d: %.0f ms%n", i + 1, times[i]);
        }
        BenchResults.result(
                "bench",
                "profile_warm",
                "file",
                file.getFileName(),
                "rows",
                rows,
                "features",
                features,
                "rounds",
                rounds,
                "median_ms",
                BenchResults.ms(BenchResults.median(times)),
                "min_ms",
                BenchResults.ms(BenchResults.min(times)),
                "threads",
                Runtime.getRuntime().availableProcessors(),
                "heap_max_mib",
                Runtime.getRuntime().maxMemory() >> 20,
                "heap_peak_mib",
                peakHeapMiB());
    }
}
