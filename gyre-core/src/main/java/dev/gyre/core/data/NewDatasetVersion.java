package dev.gyre.core.data;

/**
 * What a registration stores: everything of a {@link DatasetVersion} except what the store assigns (version number
 * and creation time), plus the profile JSON.
 *
 * @param profile the dataset profile as JSON text (Gyre's profile format); may be large
 * @param description free text, or null
 */
public record NewDatasetVersion(
        String name,
        String digest,
        String source,
        String format,
        long rowCount,
        String schema,
        String profile,
        String description) {}
