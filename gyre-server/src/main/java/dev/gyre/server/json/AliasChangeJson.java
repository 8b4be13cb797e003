package dev.gyre.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.page.Page;
import dev.gyre.core.registry.AliasChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON of {@link AliasChange}s, written by the server's alias endpoints and read (and re-written for
 * {@code --json}) by the CLI, so that a command prints the same JSON whether it asked a server or the local store.
 * Shaped like MLflow's registry objects: versions are strings, absent fields are left out ({@code version} absent
 * means the change removed the alias).
 */
public final class AliasChangeJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AliasChangeJson() {}

    public static ObjectNode write(AliasChange change) {
        ObjectNode n = NODES.objectNode().put("name", change.name()).put("alias", change.alias());
        if (change.version() != null) {
            n.put("version", Long.toString(change.version()));
        }
        if (change.previousVersion() != null) {
            n.put("previous_version", Long.toString(change.previousVersion()));
        }
        if (change.actor() != null) {
            n.put("actor", change.actor());
        }
        if (change.reason() != null) {
            n.put("reason", change.reason());
        }
        return n.put("timestamp", change.timestamp());
    }

    /** {@code {"alias_changes": [...], "next_page_token": ...}}; the array is present even when empty. */
    public static ObjectNode page(Page<AliasChange> page) {
        ObjectNode root = NODES.objectNode();
        ArrayNode items = root.putArray("alias_changes");
        page.items().forEach(change -> items.add(write(change)));
        page.nextPageToken().ifPresent(t -> root.put("next_page_token", t));
        return root;
    }

    public static AliasChange read(JsonNode n) {
        return new AliasChange(
                n.path("name").asText(),
                n.path("alias").asText(),
                optionalLong(n, "version"),
                optionalLong(n, "previous_version"),
                optionalText(n, "actor"),
                optionalText(n, "reason"),
                n.path("timestamp").asLong());
    }

    public static Page<AliasChange> readPage(JsonNode root) {
        List<AliasChange> changes = new ArrayList<>();
        root.path("alias_changes").forEach(n -> changes.add(read(n)));
        String token = root.path("next_page_token").asText("");
        return new Page<>(changes, token.isEmpty() ? Optional.empty() : Optional.of(token));
    }

    private static Long optionalLong(JsonNode n, String field) {
        JsonNode value = n.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }

    private static String optionalText(JsonNode n, String field) {
        JsonNode value = n.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
