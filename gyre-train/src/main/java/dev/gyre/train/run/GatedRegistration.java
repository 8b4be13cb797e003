package dev.gyre.train.run;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.tracking.Tag;
import dev.gyre.train.project.Project;
import java.util.List;
import java.util.Map;

/**
 * Registration of a model that passed its gate — the only way a training run creates a model version: the
 * registered model is created on first use, the version is tagged {@code gyre.gate=passed} with its task and
 * project, and the project's alias moves to it with the gate's reasons recorded in the alias history.
 */
final class GatedRegistration {

    private GatedRegistration() {}

    /** Registers the package at {@code modelUri} (the run's {@code model/} artifact) and moves the alias. */
    static ModelVersion register(
            TrainingEnvironment environment,
            TrainingJob.Listener listener,
            Project project,
            RunRecorder run,
            String modelUri,
            Map<String, Double> metrics,
            String evaluatedOn,
            List<String> reasons) {
        String name = project.registry().model();
        try {
            environment.registry().getRegisteredModel(name);
        } catch (GyreException missing) {
            try {
                environment
                        .registry()
                        .createRegisteredModel(
                                name, List.of(), "Trained by Gyre from project '" + project.name() + "'.");
            } catch (GyreException raced) {
                // registered meanwhile by another job
            }
        }
        List<Tag> tags = List.of(
                new Tag("gyre.gate", "passed"),
                new Tag("gyre.task", project.task().label()),
                new Tag("gyre.project", project.name()));
        String description = "Gate passed on " + evaluatedOn + " rows: " + String.join("; ", reasons);
        ModelVersion version =
                environment.registry().createModelVersion(name, modelUri, run.runId(), tags, null, description);
        String reason = "gate passed: " + String.join("; ", reasons);
        environment
                .registry()
                .moveAlias(name, project.registry().alias(), version.version(), environment.user(), reason);
        listener.step("registered " + name + " version " + version.version() + " as @"
                + project.registry().alias());
        return version;
    }
}
