package dev.gyre.train.trainer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Measures a {@link ResourceUse} from {@link #start()} to {@link #stop()}, on the thread that trains.
 *
 * <p>Peaks are sampled at {@link #start()}, {@link #stop()} and whenever the trainer calls {@link #sampleIfDue()}
 * (after each boosting round) and at least {@value #INTERVAL_MILLIS} ms have passed since the last sample. Sampling
 * is kept rare and on the training thread on purpose. A sampling thread waking every 10 ms pre-empted XGBoost's
 * OpenMP workers on a two-core machine, and reading {@code /proc} between rounds slows the rounds themselves: read
 * after every round, it made a 0.35 s training about 10% slower (ThreadTeamBench, docs/benchmarks.md). JVM-wide
 * peak counters are not reset either, because that would disturb every other measurement in the process.
 *
 * <p>The resident-set peak also reads the kernel's high-water mark ({@code VmHWM}) at start and stop: when it rose
 * during the run, the process reached its highest resident set ever during the run, and that exact value is the
 * peak, however briefly it lasted. Otherwise the peak is the highest sample, and a spike between samples is missed.
 */
final class ResourceMeter {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final long INTERVAL_MILLIS = 100;
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS);

    private final long startNanos;
    private final long startCpuNanos;
    private final long startHighWater;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private long peakHeap = -1;
    private long peakRss = -1;
    private long lastSampleNanos;
    private ResourceUse result;

    private ResourceMeter() {
        this.startNanos = System.nanoTime();
        this.startCpuNanos = processCpuNanos();
        this.startHighWater = ResidentSet.read().highWaterBytes();
        sample();
    }

    /** Starts measuring now. */
    static ResourceMeter start() {
        return new ResourceMeter();
    }

    /** Samples the heap and the resident set if the last sample is at least the interval old; cheap otherwise. */
    void sampleIfDue() {
        if (result == null && System.nanoTime() - lastSampleNanos >= INTERVAL_NANOS) {
            sample();
        }
    }

    /** Stops measuring and answers what was used since {@link #start()}; later calls answer the same. */
    ResourceUse stop() {
        if (result != null) {
            return result;
        }
        ResidentSet end = sample();
        long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        long endCpu = processCpuNanos();
        long cpuMillis = startCpuNanos < 0 || endCpu < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(endCpu - startCpuNanos);
        long rss = startHighWater >= 0 && end.highWaterBytes() > startHighWater ? end.highWaterBytes() : peakRss;
        result = new ResourceUse(wallMillis, cpuMillis, peakHeap, rss);
        return result;
    }

    private ResidentSet sample() {
        lastSampleNanos = System.nanoTime();
        peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
        ResidentSet now = ResidentSet.read();
        peakRss = Math.max(peakRss, now.bytes());
        return now;
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean process ? process.getProcessCpuTime() : -1;
    }

    /** {@code VmRSS} of this process in bytes, or -1 where {@code /proc} is not available. */
    static long residentSetBytes() {
        return ResidentSet.read().bytes();
    }

    /** {@code VmHWM}, the highest resident set this process ever had, in bytes; -1 where {@code /proc} is not available. */
    static long highWaterBytes() {
        return ResidentSet.read().highWaterBytes();
    }

    /** {@code VmRSS} and {@code VmHWM} of this process in bytes, each -1 where {@code /proc} does not say. */
    private record ResidentSet(long bytes, long highWaterBytes) {

        static ResidentSet read() {
            long rss = -1;
            long highWater = -1;
            try {
                for (String line : Files.readAllLines(PROC_STATUS)) {
                    if (line.startsWith("VmRSS:")) {
                        rss = kilobytes(line, "VmRSS:");
                    } else if (line.startsWith("VmHWM:")) {
                        highWater = kilobytes(line, "VmHWM:");
                    }
                }
            } catch (IOException | RuntimeException e) {
                return new ResidentSet(-1, -1);
            }
            return new ResidentSet(rss, highWater);
        }

        private static long kilobytes(String line, String key) {
            String[] parts = line.substring(key.length()).trim().split("\\s+");
            return Long.parseLong(parts[0]) * 1024;
        }
    }
}
