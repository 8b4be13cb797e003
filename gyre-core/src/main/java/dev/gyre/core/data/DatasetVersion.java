package dev.gyre.core.data;

/**
 * One registered version of a dataset: the bytes identified by {@code digest}, read from {@code source}, with the
 * schema Gyre inferred. The full profile is not carried here because it can be hundreds of kilobytes and listings
 * would drag it along; fetch it on its own when it is needed.
 *
 * @param name the dataset's name
 * @param version 1, 2, 3 … per name, in registration order
 * @param digest the full content hash of the bytes, e.g. {@code sha256:<64 hex digits>}
 * @param source where the bytes were read from (a path or URI)
 * @param format the file format, e.g. {@code csv}, {@code parquet}, {@code json}
 * @param rowCount the number of rows
 * @param schema the columns as JSON text: {@code [{"name": …, "type": …, "duckdb_type": …}, …]}
 * @param description free text, or null
 * @param creationTime when this version was registered, in milliseconds since the epoch
 */
public record DatasetVersion(
        String name,
        long version,
        String digest,
        String source,
        String format,
        long rowCount,
        String schema,
        String description,
        long creationTime) {}
