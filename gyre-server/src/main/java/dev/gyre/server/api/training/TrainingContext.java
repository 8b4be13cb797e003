package dev.gyre.server.api.training;

import dev.gyre.store.DatasetRegistryStore;
import dev.gyre.store.ModelRegistryStore;
import dev.gyre.store.TrackingStore;
import dev.gyre.store.artifact.ArtifactStore;
import dev.gyre.train.run.TrainingEnvironment;
import java.time.Clock;
import java.util.Objects;

/**
 * The server's own stores, as the modeling stage needs them: a job trains into the same tracking store, registry and
 * artifact store the server serves, so its run, model package and version are at once visible through the MLflow
 * API. The server does not close them here; it closes nothing it was given.
 *
 * @param gyreVersion the server's version, recorded in the model packages it trains ({@code unknown} when the build
 *     did not stamp one)
 */
public record TrainingContext(
        TrackingStore tracking,
        ModelRegistryStore registry,
        DatasetRegistryStore datasets,
        ArtifactStore artifacts,
        String gyreVersion,
        Clock clock) {

    /** Who trains when a request names no {@code actor}. */
    public static final String DEFAULT_USER = "gyre-server";

    public TrainingContext {
        Objects.requireNonNull(tracking, "tracking");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(datasets, "datasets");
        Objects.requireNonNull(artifacts, "artifacts");
        Objects.requireNonNull(gyreVersion, "gyreVersion");
        Objects.requireNonNull(clock, "clock");
    }

    /** The environment of one job or evaluation, run as {@code user} (the run's {@code mlflow.user}). */
    TrainingEnvironment environment(String user) {
        return new TrainingEnvironment(tracking, registry, datasets, artifacts, user, clock, gyreVersion);
    }
}
