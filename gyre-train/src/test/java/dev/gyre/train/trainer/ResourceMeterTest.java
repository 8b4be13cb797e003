package dev.gyre.train.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class ResourceMeterTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aSampleTakenWhileNativeMemoryIsHeldCountsTowardsThePeak() throws InterruptedException {
        ResourceMeter meter = ResourceMeter.start();
        long before = ResourceMeter.residentSetBytes();
        try (Arena arena = Arena.ofConfined()) {
            touch(arena.allocate(128 * MIB));
            Thread.sleep(110);
            meter.sampleIfDue();
        }
        ResourceUse use = meter.stop();

        assertThat(use.peakRssBytes()).isGreaterThanOrEqualTo(before + 100 * MIB);
        assertThat(use.wallMillis()).isGreaterThanOrEqualTo(110);
        assertThat(use.cpuMillis()).isNotNegative();
        assertThat(use.peakHeapBytes()).isPositive();
        assertThat(meter.stop()).isSameAs(use);
    }

    @Test
    void aNewProcessHighWaterMarkIsThePeakEvenWithoutASampleInBetween() {
        long[] status = highWaterAndResident();
        // Enough memory to lift the resident set above the process's earlier peak by 64 MiB.
        long size = Math.max(status[0] - status[1], 0) + 64 * MIB;
        ResourceMeter meter = ResourceMeter.start();
        try (Arena arena = Arena.ofConfined()) {
            touch(arena.allocate(size));
        }
        ResourceUse use = meter.stop();

        assertThat(use.peakRssBytes()).isGreaterThanOrEqualTo(status[1] + size - 16 * MIB);
        assertThat(ResourceMeter.residentSetBytes()).isLessThan(use.peakRssBytes());
    }

    private static long[] highWaterAndResident() {
        return new long[] {ResourceMeter.highWaterBytes(), ResourceMeter.residentSetBytes()};
    }

    /** Writes every page, so that the memory is resident whether or not the allocator zeroed it. */
    private static void touch(MemorySegment segment) {
        for (long offset = 0; offset < segment.byteSize(); offset += 4096) {
            segment.set(ValueLayout.JAVA_BYTE, offset, (byte) 1);
        }
    }
}
