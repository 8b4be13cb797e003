package dev.gyre.train.run;

import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import dev.gyre.model.features.FittedPipeline;
import dev.gyre.model.pack.Lineage;
import dev.gyre.model.pack.ModelPackage;
import dev.gyre.model.pack.PackageManifest;
import dev.gyre.train.project.Project;
import dev.gyre.train.trainer.TrainedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model package of a training run: its manifest (signature, targets, metrics, threshold, lineage down to the
 * dataset digests, the project file's hash and the git commit) and its upload as the run's {@code model/}
 * artifact, with MLflow's {@code mlflow.log-model.history} tag that makes MLflow's UI show a logged model.
 */
final class RunPackage {

    private RunPackage() {}

    static PackageManifest manifest(
            TrainingEnvironment environment,
            Project project,
            Path projectFile,
            PreparedData data,
            RunRecorder run,
            Optional<String> commit,
            FittedPipeline pipeline,
            TrainedModel trained,
            Map<String, Double> metrics,
            double threshold) {
        Task task = project.task();
        List<String> classes = data.encoding().classes();
        List<Lineage.DatasetUse> datasets = new ArrayList<>();
        datasets.add(use("train", data.train(), data.split().train().length));
        datasets.add(use("validation", data.train(), data.split().validation().length));
        if (data.test().isPresent()) {
            datasets.add(use("test", data.test().get(), data.testFile().rows()));
        } else if (data.split().test().length > 0) {
            datasets.add(use("test", data.train(), data.split().test().length));
        }
        Lineage lineage = new Lineage(
                project.name(),
                sha256(projectFile),
                run.runId(),
                commit.orElse(null),
                project.model().seed(),
                trained.trainer(),
                trained.params(),
                datasets);
        return new PackageManifest(
                ModelPackage.FORMAT_VERSION,
                project.registry().model(),
                task,
                project.target(),
                classes,
                threshold,
                trained.predictor().kind(),
                ModelPackage.modelFileFor(trained.predictor()),
                ModelPackage.signatureOf(pipeline, task, classes),
                project.targets().quality(),
                project.targets().serving(),
                metrics,
                lineage,
                Instant.ofEpochMilli(environment.clock().millis()).toString(),
                environment.gyreVersion());
    }

    private static Lineage.DatasetUse use(String role, ResolvedData data, long rows) {
        return new Lineage.DatasetUse(
                role,
                data.registered().map(DatasetVersion::name).orElse(null),
                data.registered().map(DatasetVersion::version).orElse(null),
                data.digest(),
                data.source().path().toString(),
                rows);
    }

    /** Stages the package in a temporary folder and uploads it as the run's {@code model/} artifact. */
    static void write(
            RunRecorder run,
            PackageManifest manifest,
            FittedPipeline pipeline,
            TrainedModel trained,
            byte[] trainingProfile) {
        Path staging = null;
        try {
            staging = Files.createTempDirectory("gyre-package-");
            Path folder = ModelPackage.write(
                    staging.resolve("model"), manifest, pipeline, trained.predictor(), trainingProfile);
            run.uploadFolder(folder, "model");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the model package", e);
        } finally {
            TemporaryFolders.delete(staging);
        }
    }

    /** MLflow's record of the models logged by a run, which its UI reads to show a logged model. */
    static String logModelHistory(RunRecorder run, PackageManifest manifest) {
        String created = manifest.createdAt().replace('T', ' ').replace("Z", "");
        return "[{\"run_id\": \"" + run.runId() + "\", \"artifact_path\": \"model\", \"utc_time_created\": \""
                + created + "\", \"flavors\": {\"gyre\": {\"format\": \"gyre.model/v" + manifest.formatVersion()
                + "\"}}}]";
    }

    private static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw GyreException.invalid("cannot read the project file " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
