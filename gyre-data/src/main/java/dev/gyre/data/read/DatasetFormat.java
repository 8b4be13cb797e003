package dev.gyre.data.read;

import dev.gyre.core.error.GyreException;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats Gyre reads through DuckDB; each knows its file extensions and DuckDB table function. */
public enum DatasetFormat {
    CSV("read_csv", "csv", "tsv"),
    PARQUET("read_parquet", "parquet"),
    JSON("read_json_auto", "json", "jsonl", "ndjson");

    private final String tableFunction;
    private final String[] extensions;

    DatasetFormat(String tableFunction, String... extensions) {
        this.tableFunction = tableFunction;
        this.extensions = extensions;
    }

    String tableFunction() {
        return tableFunction;
    }

    /** The extension used to glob a folder of files of this format. */
    String primaryExtension() {
        return extensions[0];
    }

    /** The format named by a user ({@code csv}, {@code parquet}, {@code json}), case-insensitive. */
    public static DatasetFormat named(String name) {
        for (DatasetFormat format : values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw GyreException.invalid("unknown data format '" + name + "' (expected csv, parquet or json)");
    }

    /** The format a file's extension implies; a trailing {@code .gz}/{@code .zst} is skipped (DuckDB decompresses). */
    public static DatasetFormat ofFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        name = name.replaceFirst("\\.(gz|zst)$", "");
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        for (DatasetFormat format : values()) {
            for (String candidate : format.extensions) {
                if (candidate.equals(extension)) {
                    return format;
                }
            }
        }
        throw GyreException.invalid(
                "cannot tell the format of " + file + " from its extension; name it (csv, parquet, json)");
    }
}
