package dev.gyre.train.run;

import dev.gyre.store.DatasetRegistryStore;
import dev.gyre.store.ModelRegistryStore;
import dev.gyre.store.TrackingStore;
import dev.gyre.store.artifact.ArtifactStore;
import java.time.Clock;
import java.util.Objects;

/**
 * The stores a training job records into — the same seams the tracking server uses, so a job run by the CLI on the
 * embedded store and one run beside a server produce the same runs, artifacts and model versions.
 *
 * @param tracking experiments, runs, params, metrics, tags, inputs
 * @param registry registered models, versions and aliases
 * @param datasets registered dataset versions ({@code datasets:/NAME/VERSION} in the project file)
 * @param artifacts where run artifacts (the model package, the evaluation report) are written
 * @param user who trains, recorded as the run's user and the promotion actor
 * @param clock the time source for run timestamps
 * @param gyreVersion the version of Gyre that trains, recorded in model packages
 */
public record TrainingEnvironment(
        TrackingStore tracking,
        ModelRegistryStore registry,
        DatasetRegistryStore datasets,
        ArtifactStore artifacts,
        String user,
        Clock clock,
        String gyreVersion) {

    public TrainingEnvironment {
        Objects.requireNonNull(tracking, "tracking");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(datasets, "datasets");
        Objects.requireNonNull(artifacts, "artifacts");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(gyreVersion, "gyreVersion");
    }
}
