package dev.gyre.store.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies a folder of run artifacts — a registered model version's package — out of the artifact store into a local
 * folder, where a model loader can read it: training compares against the champion, serving loads what an alias
 * points to.
 */
public final class ArtifactDownload {

    private ArtifactDownload() {}

    /** Copies the artifacts under {@code sourceUri} (a proxied {@code mlflow-artifacts:} URI) into {@code folder}. */
    public static Path copy(ArtifactStore artifacts, String sourceUri, Path folder) {
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
