package dev.gyre.train.run;

import dev.gyre.store.artifact.ArtifactPaths;
import dev.gyre.store.artifact.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies a registered model version's package out of the artifact store into a local folder, where {@link
 * dev.gyre.model.pack.ModelPackage#load} can read it (the champion, to compare a new model against it).
 */
final class PackageDownload {

    private PackageDownload() {}

    /** Copies the artifacts under {@code sourceUri} (a proxied {@code mlflow-artifacts:} URI) into {@code folder}. */
    static Path copy(ArtifactStore artifacts, String sourceUri, Path folder) {
        String root = ArtifactPaths.proxiedRoot(sourceUri);
        try {
            copyTree(artifacts, root, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the model package " + sourceUri, e);
        }
        return folder;
    }

    private static void copyTree(ArtifactStore artifacts, String path, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (ArtifactStore.FileInfo entry : artifacts.list(path)) {
            String name = entry.path().substring(entry.path().lastIndexOf('/') + 1);
            String child = path.isEmpty() ? name : path + "/" + name;
            if (entry.isDir()) {
                copyTree(artifacts, child, folder.resolve(name));
            } else {
                try (InputStream content = artifacts.read(child)) {
                    Files.copy(content, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
