package dev.gyre.cli.list;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.cli.client.MlflowJson;
import dev.gyre.cli.client.TrackingClient;
import dev.gyre.core.page.Page;
import dev.gyre.core.registry.AliasChange;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.registry.RegisteredModel;
import dev.gyre.server.json.AliasChangeJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ModelRegistryClient} over a Gyre server: MLflow's registry endpoints for models and versions, Gyre's
 * {@code registered-models/promote} and {@code registered-models/alias-history} for aliases (a plain MLflow server
 * has neither, and answers 404).
 */
final class HttpModelRegistryClient implements ModelRegistryClient {

    private final TrackingClient client;

    HttpModelRegistryClient(TrackingClient client) {
        this.client = client;
    }

    @Override
    public RegisteredModel getModel(String name) {
        return MlflowJson.registeredModel(
                client.get("registered-models/get", Map.of("name", name)).path("registered_model"));
    }

    @Override
    public ModelVersion getVersion(String name, long version) {
        JsonNode answer = client.get("model-versions/get", Map.of("name", name, "version", Long.toString(version)));
        return MlflowJson.modelVersion(answer.path("model_version"));
    }

    @Override
    public List<ModelVersion> allVersions(String name) {
        List<ModelVersion> versions = new ArrayList<>();
        String token = "";
        do {
            Map<String, List<String>> query = new LinkedHashMap<>();
            query.put("filter", List.of(ModelRegistryClient.versionsOf(name)));
            query.put("max_results", List.of(Integer.toString(VERSIONS_PAGE)));
            query.put("order_by", List.of("version_number DESC"));
            if (!token.isEmpty()) {
                query.put("page_token", List.of(token));
            }
            JsonNode page = client.getMulti("model-versions/search", query);
            page.path("model_versions").forEach(v -> versions.add(MlflowJson.modelVersion(v)));
            token = page.path("next_page_token").asText("");
        } while (!token.isEmpty());
        return versions;
    }

    @Override
    public Page<AliasChange> aliasHistory(String name, String alias, int maxResults, String pageToken) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("name", name);
        if (alias != null) {
            query.put("alias", alias);
        }
        query.put("max_results", Integer.toString(maxResults));
        if (pageToken != null) {
            query.put("page_token", pageToken);
        }
        return AliasChangeJson.readPage(client.gyreGet("registered-models/alias-history", query));
    }

    @Override
    public AliasChange promote(String name, String alias, long version, String actor, String reason) {
        ObjectNode body = client.object()
                .put("name", name)
                .put("version", Long.toString(version))
                .put("alias", alias)
                .put("reason", reason);
        if (actor != null) {
            body.put("actor", actor);
        }
        return AliasChangeJson.read(
                client.gyrePost("registered-models/promote", body).path("alias_change"));
    }

    @Override
    public String source() {
        return client.baseUri().toString();
    }

    @Override
    public void close() {
        // The JDK HTTP client needs no closing for our short-lived use.
    }
}
