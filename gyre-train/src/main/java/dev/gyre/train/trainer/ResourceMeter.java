package dev.gyre.train.trainer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures a {@link ResourceUse} from {@link #start()} to {@link #stop()}. Peaks are sampled every 10 ms by a
 * virtual thread (plus once at start and stop) rather than read from JVM-wide peak counters, because resetting those
 * would disturb every other measurement in the process; a spike shorter than the interval can be missed. Used by
 * one thread.
 */
final class ResourceMeter {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final long startNanos;
    private final long startCpuNanos;
    private final AtomicLong peakHeap = new AtomicLong(-1);
    private final AtomicLong peakRss = new AtomicLong(-1);
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile boolean running = true;
    private ResourceUse result;

    private ResourceMeter() {
        this.startNanos = System.nanoTime();
        this.startCpuNanos = processCpuNanos();
        sample();
        this.sampler = Thread.ofVirtual().name("gyre-resource-meter").start(this::sampleUntilStopped);
    }

    /** Starts measuring now. */
    static ResourceMeter start() {
        return new ResourceMeter();
    }

    /** Stops measuring and answers what was used since {@link #start()}; later calls answer the same. */
    ResourceUse stop() {
        if (result != null) {
            return result;
        }
        running = false;
        LockSupport.unpark(sampler);
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
        long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        long endCpu = processCpuNanos();
        long cpuMillis = startCpuNanos < 0 || endCpu < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(endCpu - startCpuNanos);
        result = new ResourceUse(wallMillis, cpuMillis, peakHeap.get(), peakRss.get());
        return result;
    }

    private void sampleUntilStopped() {
        while (running) {
            LockSupport.parkNanos(INTERVAL_NANOS);
            sample();
        }
    }

    private void sample() {
        peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        peakRss.accumulateAndGet(residentSetBytes(), Math::max);
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean process ? process.getProcessCpuTime() : -1;
    }

    /** {@code VmRSS} of this process in bytes, or -1 where {@code /proc} is not available. */
    static long residentSetBytes() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
