package dev.gyre.train.project;

import dev.gyre.model.MetricTarget;
import java.util.List;

/**
 * The targets a project sets before training. Quality targets are checked on the test set and gate registration;
 * serving targets travel in the model package and become the serving SLOs and monitoring alerts.
 *
 * @param quality targets on {@link KnownMetric#qualityNames quality metrics} of the project's task
 * @param serving targets on {@link KnownMetric#servingNames serving metrics}
 */
public record TargetsSpec(List<MetricTarget> quality, List<MetricTarget> serving) {

    public TargetsSpec {
        quality = List.copyOf(quality);
        serving = List.copyOf(serving);
    }

    public static TargetsSpec none() {
        return new TargetsSpec(List.of(), List.of());
    }
}
