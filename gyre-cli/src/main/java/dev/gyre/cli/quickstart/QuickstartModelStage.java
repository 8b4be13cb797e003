package dev.gyre.cli.quickstart;

import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.registry.AliasChange;
import dev.gyre.train.run.TrainingEnvironment;
import dev.gyre.train.run.TrainingJob;
import dev.gyre.train.run.TrainingOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The quickstart's modeling stage: writes a project file for the registered breast-cancer version and runs the
 * same job as {@code gyre tune} on the server's own stores (a brief random search, each trial a child run; then
 * XGBoost with the best parameters beside the majority and linear baselines, evaluation on held-out rows, a gate on
 * the project's targets, the model package as a run artifact). When the gate passes, the new version — registered as {@code challenger} — is promoted to
 * {@code champion}, with the reason recorded in the alias history.
 */
final class QuickstartModelStage {

    static final String PROJECT_NAME = "quickstart";
    static final String MODEL_NAME = "breast-cancer";
    static final String CHAMPION = "champion";

    /** What the stage did. */
    record Outcome(Path projectFile, TrainingOutcome training, Optional<AliasChange> promotion) {}

    private final TrainingEnvironment environment;

    QuickstartModelStage(TrainingEnvironment environment) {
        this.environment = environment;
    }

    Outcome run(DatasetVersion data, Path folder, TrainingJob.Listener listener) {
        Path projectFile = folder.resolve("gyre.yaml");
        try {
            Files.writeString(projectFile, projectYaml(data, projectFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + projectFile, e);
        }
        TrainingOutcome training = new TrainingJob(environment, listener).tune(projectFile);
        Optional<AliasChange> promotion = Optional.empty();
        if (training.gatePassed()) {
            promotion = Optional.of(environment
                    .registry()
                    .moveAlias(
                            MODEL_NAME,
                            CHAMPION,
                            training.registeredVersion().getAsLong(),
                            environment.user(),
                            "gyre quickstart: the gate passed (" + String.join("; ", training.reasons()) + ")"));
        }
        return new Outcome(projectFile, training, promotion);
    }

    /**
     * The project: malignant (class 0 in scikit-learn's file) is the positive class, the one a screening model must
     * catch; targets a useful screening model meets on this data, and serving SLOs for the later stages.
     */
    static String projectYaml(DatasetVersion data, Path projectFile) {
        return """
                # Written by `gyre quickstart`; tune and train it again with: ./gyre tune %s
                name: %s
                task: binary
                target: target
                positive_class: "0"          # malignant, in scikit-learn's coding
                features: all
                data:
                  train: datasets:/%s/%d
                split: {method: random, seed: 42, validation: 0.2, test: 0.2, stratify: true}
                pipeline: auto
                model:
                  trainer: xgboost
                  rounds: 200
                  early_stopping_rounds: 20
                  seed: 42
                  params: {max_depth: 3, eta: 0.1}
                baselines: [majority, linear]
                targets:
                  quality: ["auc >= 0.95", "recall >= 0.85"]
                  serving: ["p99_latency_ms <= 10", "throughput_rps >= 2000"]
                tuning:                      # a brief search; each trial is a child run of the tuning run
                  method: random
                  trials: 4
                  parallelism: 2
                  space:
                    max_depth: {int: [2, 5]}
                    eta: {log_uniform: [0.03, 0.3]}
                registry: {model: %s, alias: challenger}
                """.formatted(projectFile, PROJECT_NAME, data.name(), data.version(), MODEL_NAME);
    }
}
