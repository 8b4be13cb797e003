package dev.gyre.core.tracking;

import java.util.List;

/** A run with everything logged to it. */
public record Run(RunInfo info, RunData data, List<DatasetInput> inputs) {
    public Run {
        inputs = List.copyOf(inputs);
    }
}
