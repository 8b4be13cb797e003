package dev.gyre.data.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.data.DatasetRegistration;
import dev.gyre.core.data.DatasetSummary;
import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.page.Page;

/**
 * The JSON of Gyre's dataset API ({@code /api/2.0/gyre/datasets/…}), written and read in one place: the server
 * answers with it, the CLI prints it for {@code --json} (so a local store and a server print the same thing) and
 * reads it back from a server.
 */
public final class DatasetJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Only parses the schema column; configured once, thread-safe. */
    private static final ObjectMapper PARSER = new ObjectMapper();

    private DatasetJson() {}

    /** A version; its stored schema (JSON text) is embedded as JSON. */
    public static ObjectNode version(DatasetVersion v) {
        ObjectNode node = NODES.objectNode()
                .put("name", v.name())
                .put("version", v.version())
                .put("digest", v.digest())
                .put("source", v.source())
                .put("format", v.format())
                .put("row_count", v.rowCount());
        try {
            node.set("schema", PARSER.readTree(v.schema()));
        } catch (JsonProcessingException e) {
            node.put("schema", v.schema()); // not JSON: shown as stored rather than lost
        }
        if (v.description() != null) {
            node.put("description", v.description());
        }
        return node.put("creation_timestamp", v.creationTime());
    }

    public static ObjectNode summary(DatasetSummary s) {
        return NODES.objectNode()
                .put("name", s.name())
                .put("latest_version", s.latestVersion())
                .put("version_count", s.versionCount())
                .put("creation_timestamp", s.creationTime())
                .put("last_updated_timestamp", s.lastUpdatedTime());
    }

    /** {@code {"dataset_version": …, "created": …}}: the answer to a registration. */
    public static ObjectNode registration(DatasetRegistration registration) {
        ObjectNode root = NODES.objectNode();
        root.set("dataset_version", version(registration.version()));
        return root.put("created", registration.created());
    }

    /** {@code {field: [items], "next_page_token"?}} for a page of versions or summaries. */
    public static ObjectNode page(Page<?> page, String field) {
        ObjectNode root = NODES.objectNode();
        ArrayNode items = root.putArray(field);
        for (Object item : page.items()) {
            items.add(
                    switch (item) {
                        case DatasetVersion v -> version(v);
                        case DatasetSummary s -> summary(s);
                        default -> throw new IllegalArgumentException("not a dataset item: " + item);
                    });
        }
        page.nextPageToken().ifPresent(t -> root.put("next_page_token", t));
        return root;
    }

    /** The version in {@code node}, as {@link #version} writes it; the schema is kept as JSON text. */
    public static DatasetVersion readVersion(JsonNode node) {
        JsonNode schema = node.path("schema");
        return new DatasetVersion(
                node.path("name").asText(),
                node.path("version").asLong(),
                node.path("digest").asText(),
                node.path("source").asText(),
                node.path("format").asText(),
                node.path("row_count").asLong(),
                schema.isTextual() ? schema.asText() : schema.toString(),
                node.hasNonNull("description") ? node.get("description").asText() : null,
                node.path("creation_timestamp").asLong());
    }

    /** The summary in {@code node}, as {@link #summary} writes it. */
    public static DatasetSummary readSummary(JsonNode node) {
        return new DatasetSummary(
                node.path("name").asText(),
                node.path("latest_version").asLong(),
                node.path("version_count").asLong(),
                node.path("creation_timestamp").asLong(),
                node.path("last_updated_timestamp").asLong());
    }
}
