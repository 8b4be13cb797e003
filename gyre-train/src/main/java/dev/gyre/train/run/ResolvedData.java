package dev.gyre.train.run;

import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.error.GyreException;
import dev.gyre.data.read.ContentHash;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.store.DatasetRegistryStore;
import dev.gyre.train.project.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A project's data source made concrete: the file to read, the hash of its bytes, and the registered dataset version
 * it is, if any. A registered version is checked against its file, so a model never claims to have seen a version
 * whose bytes have changed on disk since registration.
 *
 * @param source the file or folder to read
 * @param digest the content hash of its bytes ({@code sha256:…})
 * @param registered the registered version, when the project named one
 */
record ResolvedData(DatasetSource source, String digest, Optional<DatasetVersion> registered) {

    static ResolvedData resolve(DataSource data, DatasetRegistryStore datasets) {
        return switch (data) {
            case DataSource.LocalFile file -> {
                DatasetSource source = sourceOf(file.path(), file.toString());
                yield new ResolvedData(source, ContentHash.of(source), Optional.empty());
            }
            case DataSource.Registered registered -> {
                DatasetVersion version = registered.version().isPresent()
                        ? datasets.getVersion(
                                registered.name(), registered.version().getAsLong())
                        : datasets.getLatestVersion(registered.name());
                DatasetSource source = sourceOf(Path.of(version.source()), registered.toString());
                String digest = ContentHash.of(source);
                if (!digest.equals(version.digest())) {
                    throw GyreException.invalid("dataset " + version.name() + " version " + version.version()
                            + " was registered from " + version.source() + " with digest " + version.digest()
                            + ", but that file now has digest " + digest
                            + "; register the new bytes as a new version (gyre data register)");
                }
                yield new ResolvedData(source, digest, Optional.of(version));
            }
        };
    }

    private static DatasetSource sourceOf(Path path, String named) {
        if (!Files.exists(path)) {
            throw GyreException.invalid("data " + named + ": " + path + " does not exist");
        }
        return DatasetSource.of(path);
    }

    /** How the data is named in messages and lineage: {@code datasets:/NAME/VERSION} or the path. */
    String label() {
        return registered
                .map(v -> "datasets:/" + v.name() + "/" + v.version())
                .orElse(source.path().toString());
    }
}
