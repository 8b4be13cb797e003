package dev.gyre.train.run;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.ModelUri;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.model.pack.ModelPackage;
import dev.gyre.store.ModelRegistryStore;
import dev.gyre.store.artifact.ArtifactDownload;
import dev.gyre.store.artifact.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A model package opened from what a user typed: a package folder, {@code models:/NAME/VERSION} or {@code
 * models:/NAME@ALIAS}. A registered version is copied out of the artifact store into a temporary folder, removed on
 * {@link #close()} together with the model's native memory. Not thread-safe; one owner closes it.
 */
final class LoadedModel implements AutoCloseable {

    private final String label;
    private final Optional<ModelVersion> registered;
    private final ModelPackage pack;
    private final Path temporary;

    private LoadedModel(String label, Optional<ModelVersion> registered, ModelPackage pack, Path temporary) {
        this.label = label;
        this.registered = registered;
        this.pack = pack;
        this.temporary = temporary;
    }

    /** Opens {@code reference}; a bad reference, an unknown version or alias, or a damaged package is named. */
    static LoadedModel open(String reference, ModelRegistryStore registry, ArtifactStore artifacts) {
        if (ModelUri.looksLikeOne(reference)) {
            ModelUri uri;
            try {
                uri = ModelUri.parse(reference);
            } catch (GyreException e) {
                throw GyreException.invalid(e.getMessage() + " or the path of a model package folder");
            }
            ModelVersion version = uri.byAlias()
                    ? registry.getModelVersionByAlias(uri.name(), uri.alias())
                    : registry.getModelVersion(uri.name(), uri.version());
            return download(version, reference, artifacts);
        }
        Path folder = Path.of(reference).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw GyreException.invalid("model " + reference + ": " + folder + " is not a model package folder"
                    + " (nor models:/NAME/VERSION or models:/NAME@ALIAS)");
        }
        return new LoadedModel(folder.toString(), Optional.empty(), ModelPackage.load(folder), null);
    }

    /** Opens a registered version already looked up, e.g. the champion. */
    static LoadedModel open(ModelVersion version, ArtifactStore artifacts) {
        return download(version, "models:/" + version.name() + "/" + version.version(), artifacts);
    }

    private static LoadedModel download(ModelVersion version, String reference, ArtifactStore artifacts) {
        Path folder;
        try {
            folder = Files.createTempDirectory("gyre-evaluate-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for " + reference, e);
        }
        try {
            ArtifactDownload.copy(artifacts, version.source(), folder.resolve("model"));
            ModelPackage pack = ModelPackage.load(folder.resolve("model"));
            String label = reference.contains("@")
                    ? reference + " (version " + version.version() + ")"
                    : "models:/" + version.name() + "/" + version.version();
            return new LoadedModel(label, Optional.of(version), pack, folder);
        } catch (RuntimeException e) {
            TemporaryFolders.delete(folder);
            throw e;
        }
    }

    /** How the model is named in messages and the report, e.g. {@code models:/credit@challenger (version 3)}. */
    String label() {
        return label;
    }

    /** The registered version it is, when it was opened from the registry. */
    Optional<ModelVersion> registered() {
        return registered;
    }

    /** The registered model name its champion is looked up under: the registry's, else the package's own name. */
    String registeredName() {
        return registered.map(ModelVersion::name).orElse(pack.manifest().name());
    }

    /** Whether this is {@code version}: the same registered version, or for a folder, the package of its run. */
    boolean is(ModelVersion version) {
        if (registered.isPresent()) {
            return registered.get().name().equals(version.name())
                    && registered.get().version() == version.version();
        }
        String runId = pack.manifest().lineage().runId();
        return runId != null && runId.equals(version.runId());
    }

    ModelPackage pack() {
        return pack;
    }

    @Override
    public void close() {
        try {
            pack.close();
        } finally {
            TemporaryFolders.delete(temporary);
        }
    }
}
