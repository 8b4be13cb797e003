package dev.gyre.cli.list;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.cli.client.MlflowJson;
import dev.gyre.core.page.Page;
import dev.gyre.core.registry.AliasChange;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.registry.RegisteredModel;
import dev.gyre.server.json.AliasChangeJson;
import java.util.List;

/**
 * The {@code --json} of {@code gyre models show}: the model as MLflow writes it, every version (MLflow's
 * {@code model_version} fields, tags included) and the alias history as the server's alias endpoints write it.
 * Built from records, so it is the same whether they came from a server or the local store.
 */
final class ModelJson {

    private final MlflowJson json = new MlflowJson();

    ObjectNode show(RegisteredModel model, List<ModelVersion> versions, Page<AliasChange> history) {
        ObjectNode root = json.object();
        root.set("registered_model", json.write(model));
        ArrayNode items = root.putArray("model_versions");
        versions.forEach(v -> items.add(version(v)));
        root.setAll(AliasChangeJson.page(history));
        return root;
    }

    /** {@code {"alias_change": {...}}}, as the server's promote endpoint answers. */
    ObjectNode promotion(AliasChange change) {
        ObjectNode root = json.object();
        root.set("alias_change", AliasChangeJson.write(change));
        return root;
    }

    String pretty(ObjectNode node) {
        return json.pretty(node);
    }

    private ObjectNode version(ModelVersion v) {
        ObjectNode n = json.object()
                .put("name", v.name())
                .put("version", Long.toString(v.version()))
                .put("creation_timestamp", v.creationTimestamp())
                .put("last_updated_timestamp", v.lastUpdatedTimestamp())
                .put("current_stage", v.currentStage().wireName())
                .put("description", v.description())
                .put("source", v.source())
                .put("run_id", v.runId())
                .put("status", v.status().name())
                .put("run_link", v.runLink());
        ArrayNode tags = n.putArray("tags");
        v.tags().forEach(t -> tags.addObject().put("key", t.key()).put("value", t.value()));
        ArrayNode aliases = n.putArray("aliases");
        v.aliases().forEach(aliases::add);
        return n;
    }
}
