package dev.gyre.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gyre.core.data.DatasetVersion;

/** Reads a {@code dataset_version} object as Gyre's dataset endpoints write it. */
public final class DatasetVersionJson {

    private DatasetVersionJson() {}

    /** The version in {@code node}; the schema is kept as its JSON text, as the store keeps it. */
    public static DatasetVersion read(JsonNode node) {
        return new DatasetVersion(
                node.path("name").asText(),
                node.path("version").asLong(),
                node.path("digest").asText(),
                node.path("source").asText(),
                node.path("format").asText(),
                node.path("row_count").asLong(),
                node.path("schema").toString(),
                node.hasNonNull("description") ? node.get("description").asText() : null,
                node.path("creation_timestamp").asLong());
    }
}
