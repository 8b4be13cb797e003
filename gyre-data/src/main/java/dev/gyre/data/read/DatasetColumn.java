package dev.gyre.data.read;

/** One column of a dataset: its name, the type DuckDB inferred or read, and the Gyre type it maps to. */
public record DatasetColumn(String name, String duckDbType, GyreType type) {

    public static DatasetColumn of(String name, String duckDbType) {
        return new DatasetColumn(name, duckDbType, GyreType.ofDuckDb(duckDbType));
    }
}
