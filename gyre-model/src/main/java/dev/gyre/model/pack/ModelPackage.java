package dev.gyre.model.pack;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import dev.gyre.model.features.FittedPipeline;
import dev.gyre.model.features.InputColumn;
import dev.gyre.model.features.PipelineJson;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.ValueKind;
import dev.gyre.model.runtime.Predictor;
import dev.gyre.model.runtime.Predictors;
import dev.gyre.model.runtime.Scores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A self-contained, versioned model: the fitted feature pipeline, the model, its signature, the training data's
 * profile (the monitoring baseline), the test metrics, the project's targets and the lineage, in one folder with an
 * {@code MLmodel} file. Training writes it as a run artifact; serving loads it and runs the very pipeline training
 * fitted, so the two cannot disagree on features.
 *
 * <p>Layout: {@value #MANIFEST_FILE} (the {@link PackageManifest}), {@value #PIPELINE_FILE}, {@code model.<format>}
 * (e.g. {@code model.ubj}), {@code MLmodel}, and optionally {@value #TRAINING_PROFILE_FILE}. A loaded package holds
 * the model's native memory until {@link #close}.
 */
public final class ModelPackage implements AutoCloseable {

    /** The package format this code writes; it reads this one and every earlier one. */
    public static final int FORMAT_VERSION = 1;

    public static final String MANIFEST_FILE = "gyre-model.json";
    public static final String PIPELINE_FILE = "pipeline.json";
    public static final String TRAINING_PROFILE_FILE = "training-profile.json";

    static final String FORMAT_PREFIX = "gyre.model/v";

    private final Path directory;
    private final PackageManifest manifest;
    private final FittedPipeline pipeline;
    private final Predictor predictor;

    private ModelPackage(Path directory, PackageManifest manifest, FittedPipeline pipeline, Predictor predictor) {
        this.directory = directory;
        this.manifest = manifest;
        this.pipeline = pipeline;
        this.predictor = predictor;
    }

    /**
     * The signature of a model that reads {@code pipeline}'s inputs and answers {@code task} over {@code classes}.
     */
    public static Signature signatureOf(FittedPipeline pipeline, Task task, List<String> classes) {
        List<Signature.Field> inputs = new ArrayList<>();
        for (InputColumn column : pipeline.inputSchema()) {
            inputs.add(new Signature.Field(column.name(), column.kind(), true));
        }
        List<Signature.Field> outputs = new ArrayList<>();
        switch (task) {
            case BINARY -> outputs.add(new Signature.Field("probability", ValueKind.NUMERIC, true));
            case MULTICLASS ->
                classes.forEach(
                        c -> outputs.add(new Signature.Field("probability(" + c + ")", ValueKind.NUMERIC, true)));
            case REGRESSION -> outputs.add(new Signature.Field("prediction", ValueKind.NUMERIC, true));
        }
        if (task.classification()) {
            outputs.add(new Signature.Field("label", ValueKind.STRING, true));
        }
        return new Signature(inputs, outputs);
    }

    /**
     * Writes a package into {@code directory}, which must not exist or be empty. Everything is written to a
     * temporary sibling folder first and renamed into place, so a failed write leaves nothing behind and a reader
     * never sees half a package. {@code trainingProfile} (JSON bytes of the training data's profile) may be null.
     */
    public static Path write(
            Path directory,
            PackageManifest manifest,
            FittedPipeline pipeline,
            Predictor predictor,
            byte[] trainingProfile) {
        checkConsistent(manifest, pipeline, predictor);
        Path target = directory.toAbsolutePath().normalize();
        try {
            if (Files.exists(target)) {
                try (Stream<Path> entries = Files.list(target)) {
                    if (entries.findAny().isPresent()) {
                        throw GyreException.invalid(
                                "cannot write a model package into " + target + ": the folder is not empty");
                    }
                }
                Files.delete(target);
            }
            Files.createDirectories(target.getParent());
            Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
            try {
                Files.writeString(staging.resolve(MANIFEST_FILE), ManifestJson.write(manifest));
                Files.write(staging.resolve(PIPELINE_FILE), PipelineJson.writeBytes(pipeline));
                Files.write(staging.resolve(manifest.modelFile()), predictor.serialize());
                Files.writeString(staging.resolve(MlModelFile.FILE_NAME), MlModelFile.render(manifest, PIPELINE_FILE));
                if (trainingProfile != null) {
                    Files.write(staging.resolve(TRAINING_PROFILE_FILE), trainingProfile);
                }
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(staging, target);
                }
            } finally {
                deleteRecursively(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model package " + target, e);
        }
        return target;
    }

    /**
     * Loads the package in {@code directory}; {@code GyreException.invalid} naming the folder and the file when it
     * is not a package, is damaged, or comes from a newer Gyre.
     */
    public static ModelPackage load(Path directory) {
        return load(directory, 0);
    }

    /**
     * As {@link #load(Path)}, with the model predicting on at most {@code threads} native threads (0: all cores);
     * a server passes 1 (see {@link Predictors#load(String, byte[], Task, int)}).
     */
    public static ModelPackage load(Path directory, int threads) {
        Path folder = directory.toAbsolutePath().normalize();
        PackageManifest manifest = ManifestJson.read(readText(folder, MANIFEST_FILE), folder + "/" + MANIFEST_FILE);
        FittedPipeline pipeline;
        try {
            pipeline = PipelineJson.read(readBytes(folder, PIPELINE_FILE));
        } catch (GyreException e) {
            throw GyreException.invalid(folder + "/" + PIPELINE_FILE + ": " + e.getMessage());
        }
        Predictor predictor;
        try {
            predictor = Predictors.load(
                    manifest.runtime(), readBytes(folder, manifest.modelFile()), manifest.task(), threads);
        } catch (GyreException e) {
            throw GyreException.invalid(folder + "/" + manifest.modelFile() + ": " + e.getMessage());
        }
        try {
            checkConsistent(manifest, pipeline, predictor);
        } catch (RuntimeException e) {
            predictor.close();
            throw GyreException.invalid(folder + ": " + e.getMessage());
        }
        return new ModelPackage(folder, manifest, pipeline, predictor);
    }

    private static void checkConsistent(PackageManifest manifest, FittedPipeline pipeline, Predictor predictor) {
        if (predictor.task() != manifest.task()) {
            throw new IllegalArgumentException(
                    "the model answers " + predictor.task().label() + " but the manifest says "
                            + manifest.task().label());
        }
        if (predictor.featureCount() != pipeline.outputNames().size()) {
            throw new IllegalArgumentException(
                    "the model expects " + predictor.featureCount() + " features but the pipeline produces "
                            + pipeline.outputNames().size());
        }
        if (manifest.task() == Task.MULTICLASS
                && predictor.classCount() != manifest.classes().size()) {
            throw new IllegalArgumentException("the model tells " + predictor.classCount() + " classes apart but the "
                    + "manifest names " + manifest.classes().size());
        }
        if (!manifest.modelFile().equals("model." + predictor.format())) {
            throw new IllegalArgumentException(
                    "the model file should be model." + predictor.format() + ", not " + manifest.modelFile());
        }
    }

    /** The model file name for a predictor, e.g. {@code model.ubj}. */
    public static String modelFileFor(Predictor predictor) {
        return "model." + predictor.format();
    }

    public Path directory() {
        return directory;
    }

    public PackageManifest manifest() {
        return manifest;
    }

    public FittedPipeline pipeline() {
        return pipeline;
    }

    public Predictor predictor() {
        return predictor;
    }

    /** The training data's profile file, when the package has one. */
    public Optional<Path> trainingProfile() {
        Path file = directory.resolve(TRAINING_PROFILE_FILE);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * Scores {@code frame}'s rows: the pipeline checks the input columns (a missing column or a wrong kind is a
     * {@code GyreException} naming it), the model scores the features, and classification rows get their labels.
     * Thread-safe.
     */
    public Predictions predict(Frame frame) {
        Scores scores = predictor.predict(pipeline.transform(frame));
        if (!manifest.task().classification()) {
            return new Predictions(scores, null);
        }
        String[] labels = new String[scores.rows()];
        List<String> classes = manifest.classes();
        for (int row = 0; row < labels.length; row++) {
            int index = manifest.task() == Task.BINARY
                    ? (scores.probability(row) >= manifest.threshold() ? 1 : 0)
                    : scores.predictedClass(row);
            labels[row] = classes.get(index);
        }
        return new Predictions(scores, labels);
    }

    /** Frees the model's native memory. */
    @Override
    public void close() {
        predictor.close();
    }

    private static String readText(Path folder, String file) {
        return new String(readBytes(folder, file), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(Path folder, String file) {
        try {
            return Files.readAllBytes(folder.resolve(file));
        } catch (NoSuchFileException e) {
            throw GyreException.invalid(folder + " is not a Gyre model package: it has no " + file);
        } catch (IOException e) {
            throw GyreException.invalid("cannot read " + folder.resolve(file) + ": " + e.getMessage());
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
