package dev.gyre.train.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removal of the temporary folders packages are staged and downloaded into. */
final class TemporaryFolders {

    private TemporaryFolders() {}

    /** Deletes {@code folder} and everything in it; {@code null} is ignored, and a leftover is harmless. */
    static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
