package dev.gyre.train.project;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a project's data comes from: a file (CSV, Parquet, JSON lines, or a folder read as one table) or a
 * registered dataset version. A registered version is the reproducible choice — its content hash, schema and profile
 * are stored, so a model can name exactly the data that made it; a path is the quick one.
 */
public sealed interface DataSource permits DataSource.LocalFile, DataSource.Registered {

    /** {@code datasets:/NAME} or {@code datasets:/NAME/VERSION}, as the data commands accept. */
    Pattern REFERENCE = Pattern.compile("datasets:/+([^/]+)(?:/([0-9]+))?/?");

    /**
     * A data file or folder.
     *
     * @param path absolute and normalised (a relative path in gyre.yaml is resolved against the project file's
     *     folder)
     */
    record LocalFile(Path path) implements DataSource {
        public LocalFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /**
     * A registered dataset version.
     *
     * @param version the version number, or empty for the latest version when the run starts (the run records
     *     which one it used)
     */
    record Registered(String name, OptionalLong version) implements DataSource {
        public Registered {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
        }

        @Override
        public String toString() {
            return "datasets:/" + name + (version.isPresent() ? "/" + version.getAsLong() : "");
        }
    }

    /**
     * The source written as {@code text}: a {@code datasets:/} reference, or a path resolved against {@code baseDir}.
     * Empty for a {@code datasets:} text that is not a valid reference (the caller reports it).
     */
    static Optional<DataSource> of(String text, Path baseDir) {
        if (text.startsWith("datasets:")) {
            Matcher matcher = REFERENCE.matcher(text);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            try {
                OptionalLong version = matcher.group(2) == null
                        ? OptionalLong.empty()
                        : OptionalLong.of(Long.parseLong(matcher.group(2)));
                if (version.isPresent() && version.getAsLong() < 1) {
                    return Optional.empty();
                }
                return Optional.of(new Registered(matcher.group(1), version));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new LocalFile(baseDir.resolve(text).toAbsolutePath().normalize()));
    }
}
