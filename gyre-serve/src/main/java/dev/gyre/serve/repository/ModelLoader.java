package dev.gyre.serve.repository;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.ModelUri;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.model.pack.ModelPackage;
import dev.gyre.serve.runtime.ModelRuntime;
import dev.gyre.serve.runtime.OnnxModelRuntime;
import dev.gyre.serve.runtime.PackageRuntime;
import dev.gyre.serve.runtime.XGBoostModelRuntime;
import dev.gyre.store.ModelRegistryStore;
import dev.gyre.store.artifact.ArtifactDownload;
import dev.gyre.store.artifact.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Turns a {@link ModelSource} into a runtime: a registered version is copied out of the artifact store into a
 * temporary folder and opened as a Gyre package; a local folder with a {@value ModelPackage#MANIFEST_FILE} is a
 * package, an {@code .onnx} file goes to ONNX Runtime, any other file is read as an XGBoost model. Models score on
 * one native thread per call: the server's request threads are the parallelism.
 */
public final class ModelLoader {

    private final ModelRegistryStore registry;
    private final ArtifactStore artifacts;

    /** {@code registry} and {@code artifacts} may be null when only local files are served. */
    public ModelLoader(ModelRegistryStore registry, ArtifactStore artifacts) {
        this.registry = registry;
        this.artifacts = artifacts;
    }

    /** The version {@code uri} points to now (an alias resolved through the registry). */
    public ModelVersion resolve(ModelUri uri) {
        if (registry == null) {
            throw GyreException.invalid("cannot serve " + uri + " without a tracking store (--backend-store-uri)");
        }
        return uri.byAlias()
                ? registry.getModelVersionByAlias(uri.name(), uri.alias())
                : registry.getModelVersion(uri.name(), uri.version());
    }

    /** Loads what {@code source} names now; the caller owns the result. */
    public LoadedVersion load(ModelSource source) {
        return switch (source) {
            case ModelSource.Registered registered -> load(resolve(registered.uri()));
            case ModelSource.Local local -> new LoadedVersion("1", loadLocal(local.path()), null);
        };
    }

    /** Downloads and opens a registered version. */
    public LoadedVersion load(ModelVersion version) {
        Path folder;
        try {
            folder = Files.createTempDirectory("gyre-serve-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for models:/" + version.name(), e);
        }
        try {
            Path packageFolder = ArtifactDownload.copy(artifacts, version.source(), folder.resolve("model"));
            ModelRuntime runtime = PackageRuntime.of(ModelPackage.load(packageFolder, 1));
            return new LoadedVersion(Long.toString(version.version()), runtime, folder);
        } catch (RuntimeException e) {
            deleteFolder(folder);
            throw e;
        }
    }

    private static ModelRuntime loadLocal(Path path) {
        if (Files.isDirectory(path)) {
            if (!Files.isRegularFile(path.resolve(ModelPackage.MANIFEST_FILE))) {
                throw GyreException.invalid(
                        path + " is a folder without " + ModelPackage.MANIFEST_FILE + ", so not a Gyre model package");
            }
            return PackageRuntime.of(ModelPackage.load(path, 1));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model file " + path, e);
        }
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            return OnnxModelRuntime.load(bytes, 1);
        }
        return XGBoostModelRuntime.load(bytes);
    }

    /** Deletes a temporary folder and everything in it; problems are ignored (it is a temporary folder). */
    static void deleteFolder(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // left for the operating system's temporary-file cleanup
                }
            });
        } catch (IOException e) {
            // same
        }
    }
}
