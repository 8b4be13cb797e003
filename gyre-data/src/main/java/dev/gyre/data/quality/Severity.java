package dev.gyre.data.quality;

/** How much a finding matters: {@code ERROR} findings should stop a pipeline, {@code WARNING}s need a look. */
public enum Severity {
    INFO,
    WARNING,
    ERROR
}
