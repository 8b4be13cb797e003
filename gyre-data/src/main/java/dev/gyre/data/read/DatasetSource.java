package dev.gyre.data.read;

import dev.gyre.core.error.GyreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What to read: one file, or a folder whose files (recursively) of one format are read as one table.
 *
 * @param path a file or a folder
 * @param format the format of the file, or of the folder's files
 */
public record DatasetSource(Path path, DatasetFormat format) {

    /** A source whose format comes from the file's extension, or from the first data file found in the folder. */
    public static DatasetSource of(Path path) {
        return new DatasetSource(path, inferFormat(path));
    }

    /** A source with an explicit format, or, if {@code format} is {@code null}, an inferred one. */
    public static DatasetSource of(Path path, DatasetFormat format) {
        return format == null ? of(path) : new DatasetSource(path, format);
    }

    /** Whether this source is a folder of files rather than one file. */
    public boolean isFolder() {
        return Files.isDirectory(path);
    }

    /** The data files this source covers, sorted, so folder hashes and error messages are stable. */
    public List<Path> files() {
        requireExists(path);
        if (!isFolder()) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> hasFormat(file, format))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw GyreException.invalid("cannot list " + path + ": " + e.getMessage());
        }
    }

    /** The path (or glob, for a folder) handed to DuckDB's table function. */
    String duckDbPath() {
        if (!isFolder()) {
            return path.toString();
        }
        List<Path> files = files();
        if (files.isEmpty()) {
            throw GyreException.invalid("no " + format.name().toLowerCase(java.util.Locale.ROOT) + " files in " + path);
        }
        String name = files.getFirst().getFileName().toString();
        String extension = name.substring(name.indexOf('.'));
        return path.resolve("**").resolve("*" + extension).toString();
    }

    static void requireExists(Path path) {
        if (!Files.exists(path)) {
            throw GyreException.invalid("no such file or folder: " + path);
        }
        if (!Files.isReadable(path)) {
            throw GyreException.invalid("cannot read " + path + ": permission denied");
        }
    }

    private static DatasetFormat inferFormat(Path path) {
        requireExists(path);
        if (!Files.isDirectory(path)) {
            return DatasetFormat.ofFile(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .sorted()
                    .flatMap(file -> Stream.of(DatasetFormat.values()).filter(format -> hasFormat(file, format)))
                    .findFirst()
                    .orElseThrow(() -> GyreException.invalid("no csv, parquet or json files in " + path));
        } catch (IOException e) {
            throw GyreException.invalid("cannot list " + path + ": " + e.getMessage());
        }
    }

    private static boolean hasFormat(Path file, DatasetFormat format) {
        try {
            return DatasetFormat.ofFile(file) == format;
        } catch (GyreException notData) {
            return false;
        }
    }
}
