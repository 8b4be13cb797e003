package dev.gyre.core.tracking;

import java.util.List;

/** What was logged to a run: the latest value of each metric key, all params and all tags. */
public record RunData(List<Metric> metrics, List<Param> params, List<Tag> tags) {
    public RunData {
        metrics = List.copyOf(metrics);
        params = List.copyOf(params);
        tags = List.copyOf(tags);
    }
}
