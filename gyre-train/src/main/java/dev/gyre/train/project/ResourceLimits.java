package dev.gyre.train.project;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one training run may use, so that a tuning search or an unexpectedly large dataset cannot run away with a
 * shared machine.
 *
 * @param maxTime the wall-clock limit of the whole run (training, tuning and evaluation), if any
 * @param maxMemoryMb the memory limit in MiB, at least 1, if any
 */
public record ResourceLimits(Optional<Duration> maxTime, OptionalLong maxMemoryMb) {

    public ResourceLimits {
        Objects.requireNonNull(maxTime, "maxTime");
        Objects.requireNonNull(maxMemoryMb, "maxMemoryMb");
    }

    public static ResourceLimits none() {
        return new ResourceLimits(Optional.empty(), OptionalLong.empty());
    }
}
