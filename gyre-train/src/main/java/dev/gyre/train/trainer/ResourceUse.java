package dev.gyre.train.trainer;

/**
 * What a training run cost, logged with the run so that a model that is slightly better but ten times dearer is
 * seen as such. Native memory matters for XGBoost (its matrices and trees live outside the Java heap), so the
 * process's resident set is reported beside the heap.
 *
 * @param wallMillis elapsed time
 * @param cpuMillis CPU time of the whole process during the run (all threads, XGBoost's native ones included; so
 *     also any other work the process did meanwhile), or -1 where the JVM cannot tell
 * @param peakHeapBytes the highest Java heap use sampled during the run (JVM-wide), or -1 if unknown
 * @param peakRssBytes the highest resident set size of the process sampled during the run ({@code VmRSS} from
 *     {@code /proc/self/status}), or -1 where that is not available (not Linux)
 */
public record ResourceUse(long wallMillis, long cpuMillis, long peakHeapBytes, long peakRssBytes) {}
