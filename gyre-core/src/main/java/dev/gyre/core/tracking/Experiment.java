package dev.gyre.core.tracking;

import java.util.List;

/**
 * An experiment groups runs. {@code experimentId} is a decimal string, as MLflow's SQL store issues them.
 * Times are epoch milliseconds.
 */
public record Experiment(
        String experimentId,
        String name,
        String artifactLocation,
        LifecycleStage lifecycleStage,
        long creationTime,
        long lastUpdateTime,
        List<Tag> tags) {
    public Experiment {
        tags = List.copyOf(tags);
    }
}
