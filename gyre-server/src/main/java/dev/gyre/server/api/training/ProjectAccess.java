package dev.gyre.server.api.training;

import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.error.GyreException;
import dev.gyre.server.api.data.DataPaths;
import dev.gyre.store.DatasetRegistryStore;
import dev.gyre.train.project.DataSource;
import dev.gyre.train.project.DataSpec;
import dev.gyre.train.project.Project;
import dev.gyre.train.project.ProjectFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads a project file named in a request, on the server, as the data endpoints read data: the file and every data
 * file it names ({@code data.train}, {@code data.test}, or the source of a registered dataset version) must pass the
 * server's {@link DataPaths}, so that a training job never reads outside the data roots. The file is parsed at once,
 * so a bad {@code gyre.yaml} is answered 400 with its line-numbered problems instead of becoming a failed job.
 * Stateless apart from its collaborators; thread-safe.
 */
final class ProjectAccess {

    /**
     * A project the server may train from.
     *
     * @param file the real path of the project file
     * @param project the parsed project, its local data paths replaced by their checked real paths and a registered
     *     dataset without a version pinned to the version checked
     */
    record Checked(Path file, Project project) {}

    private final DataPaths paths;
    private final DatasetRegistryStore datasets;

    ProjectAccess(DataPaths paths, DatasetRegistryStore datasets) {
        this.paths = paths;
        this.datasets = datasets;
    }

    /**
     * The project file at {@code raw} (the request's {@code project}), parsed and checked for {@code mode}.
     *
     * @throws GyreException 400 for a relative or missing path, a folder, a project file with problems, a tune job
     *     without a {@code tuning:} section or missing data; 403 for a path outside the data roots; 404 for an
     *     unknown registered dataset
     */
    Checked check(String raw, JobMode mode) {
        Path file = realFile(paths.resolve(raw, "'project'"));
        Project project = ProjectFile.load(file);
        if (mode == JobMode.TUNE && project.tuning().isEmpty()) {
            throw GyreException.invalid(file + " has no tuning: section; add one (method, trials, space) to tune, or"
                    + " submit the job with \"mode\": \"train\"");
        }
        DataSpec data = project.data();
        DataSpec checked = new DataSpec(
                checked(data.train(), file, "data.train"), data.test().map(test -> checked(test, file, "data.test")));
        return new Checked(file, withData(project, checked));
    }

    private static Path realFile(Path path) {
        if (Files.isDirectory(path)) {
            throw GyreException.invalid("'project' must name the project file, not a folder: " + path + " (e.g. "
                    + path.resolve(ProjectFile.FILE_NAME) + ")");
        }
        if (!Files.isRegularFile(path)) {
            throw GyreException.invalid("no such project file: " + path);
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw GyreException.invalid("cannot read project file " + path + ": " + e.getMessage());
        }
    }

    private DataSource checked(DataSource source, Path file, String key) {
        return switch (source) {
            case DataSource.LocalFile local -> new DataSource.LocalFile(existing(paths.check(local.path()), file, key));
            case DataSource.Registered registered -> {
                DatasetVersion version = registered.version().isPresent()
                        ? datasets.getVersion(
                                registered.name(), registered.version().getAsLong())
                        : datasets.getLatestVersion(registered.name());
                Path path;
                try {
                    path = Path.of(version.source());
                } catch (InvalidPathException e) {
                    path = null;
                }
                if (path == null || !path.isAbsolute()) {
                    throw GyreException.invalid(file + " " + key + ": dataset " + version.name() + " version "
                            + version.version() + " was registered from '" + version.source()
                            + "', which is not a path on this server");
                }
                existing(paths.check(path), file, key);
                yield new DataSource.Registered(version.name(), OptionalLong.of(version.version()));
            }
        };
    }

    private static Path existing(Path path, Path file, String key) {
        if (!Files.exists(path)) {
            throw GyreException.invalid(file + " " + key + ": " + path + " does not exist");
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw GyreException.invalid(file + " " + key + ": cannot read " + path + ": " + e.getMessage());
        }
    }

    private static Project withData(Project p, DataSpec data) {
        return new Project(
                p.name(),
                p.task(),
                p.target(),
                p.positiveClass(),
                p.features(),
                data,
                p.split(),
                p.pipeline(),
                p.model(),
                p.baselines(),
                p.targets(),
                p.tuning(),
                p.resources(),
                p.registry());
    }
}
