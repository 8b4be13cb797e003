package dev.gyre.server.api;

import dev.gyre.core.page.Page;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.registry.RegisteredModel;
import dev.gyre.core.registry.Stage;
import dev.gyre.core.tracking.Tag;
import dev.gyre.server.http.ApiExchange;
import dev.gyre.server.json.MlflowWire;
import dev.gyre.server.json.RequestFields;
import dev.gyre.store.ModelRegistryStore;
import dev.gyre.store.TrackingStore;
import java.util.List;
import java.util.Set;

/** MLflow's model registry endpoints ({@code registered-models/*}, {@code model-versions/*}). */
public final class ModelRegistryHandlers {

    /** MLflow's default page sizes for registry searches. */
    static final int DEFAULT_MODELS_PAGE = 100;

    static final int DEFAULT_VERSIONS_PAGE = 10_000;

    private static final Set<String> CREATE_MODEL = Set.of("name", "tags", "description");
    private static final Set<String> BY_NAME = Set.of("name");
    private static final Set<String> RENAME = Set.of("name", "new_name");
    private static final Set<String> UPDATE_MODEL = Set.of("name", "description");
    private static final Set<String> SEARCH = Set.of("filter", "max_results", "order_by", "page_token");
    private static final Set<String> LATEST = Set.of("name", "stages");
    private static final Set<String> MODEL_TAG = Set.of("name", "key", "value");
    private static final Set<String> MODEL_TAG_KEY = Set.of("name", "key");
    private static final Set<String> SET_ALIAS = Set.of("name", "alias", "version");
    private static final Set<String> ALIAS = Set.of("name", "alias");
    private static final Set<String> CREATE_VERSION =
            Set.of("name", "source", "run_id", "tags", "run_link", "description");
    private static final Set<String> BY_VERSION = Set.of("name", "version");
    private static final Set<String> UPDATE_VERSION = Set.of("name", "version", "description");
    private static final Set<String> TRANSITION = Set.of("name", "version", "stage", "archive_existing_versions");
    private static final Set<String> VERSION_TAG = Set.of("name", "version", "key", "value");
    private static final Set<String> VERSION_TAG_KEY = Set.of("name", "version", "key");

    private final ModelRegistryStore registry;
    private final TrackingStore tracking;

    public ModelRegistryHandlers(ModelRegistryStore registry, TrackingStore tracking) {
        this.registry = registry;
        this.tracking = tracking;
    }

    public void register(ApiRoutes routes) {
        routes.post("registered-models/create", this::createModel)
                .get("registered-models/get", this::getModel)
                .post("registered-models/rename", this::renameModel)
                .patch("registered-models/update", this::updateModel)
                .delete("registered-models/delete", this::deleteModel)
                .get("registered-models/search", this::searchModels)
                .get("registered-models/get-latest-versions", this::latestVersions)
                .post("registered-models/get-latest-versions", this::latestVersions)
                .post("registered-models/set-tag", this::setModelTag)
                .delete("registered-models/delete-tag", this::deleteModelTag)
                .post("registered-models/alias", this::setAlias)
                .delete("registered-models/alias", this::deleteAlias)
                .get("registered-models/alias", this::getByAlias)
                .post("model-versions/create", this::createVersion)
                .get("model-versions/get", this::getVersion)
                .patch("model-versions/update", this::updateVersion)
                .delete("model-versions/delete", this::deleteVersion)
                .get("model-versions/search", this::searchVersions)
                .post("model-versions/transition-stage", this::transitionStage)
                .post("model-versions/set-tag", this::setVersionTag)
                .delete("model-versions/delete-tag", this::deleteVersionTag)
                .get("model-versions/get-download-uri", this::downloadUri);
    }

    // ---- registered models

    private void createModel(ApiExchange ex) {
        RequestFields f = ex.fields(CREATE_MODEL);
        String name = f.requiredString("name");
        List<Tag> tags = Requests.tags(f, "tags");
        String description = f.optionalString("description");
        sendModel(ex, registry.createRegisteredModel(name, tags, description));
    }

    private void getModel(ApiExchange ex) {
        sendModel(ex, registry.getRegisteredModel(ex.fields(BY_NAME).requiredString("name")));
    }

    private void renameModel(ApiExchange ex) {
        RequestFields f = ex.fields(RENAME);
        String name = f.requiredString("name");
        String newName = f.requiredString("new_name");
        sendModel(ex, registry.renameRegisteredModel(name, newName));
    }

    private void updateModel(ApiExchange ex) {
        RequestFields f = ex.fields(UPDATE_MODEL);
        String name = f.requiredString("name");
        sendModel(ex, registry.updateRegisteredModel(name, f.optionalString("description")));
    }

    private void deleteModel(ApiExchange ex) {
        registry.deleteRegisteredModel(ex.fields(BY_NAME).requiredString("name"));
        ex.sendEmptyJson();
    }

    private void searchModels(ApiExchange ex) {
        RequestFields f = ex.fields(SEARCH);
        String filter = ExperimentHandlers.emptyToNull(f.optionalString("filter"));
        int maxResults = f.int32Or("max_results", DEFAULT_MODELS_PAGE);
        List<String> orderBy = f.stringList("order_by");
        String pageToken = ExperimentHandlers.emptyToNull(f.optionalString("page_token"));
        Page<RegisteredModel> page = registry.searchRegisteredModels(filter, maxResults, orderBy, pageToken);
        ex.sendJson(g -> {
            if (!page.items().isEmpty()) {
                g.writeArrayFieldStart("registered_models");
                for (RegisteredModel m : page.items()) {
                    MlflowWire.registeredModel(g, m);
                }
                g.writeEndArray();
            }
            if (page.nextPageToken().isPresent()) {
                g.writeStringField("next_page_token", page.nextPageToken().get());
            }
        });
    }

    private void latestVersions(ApiExchange ex) {
        RequestFields f = ex.fields(LATEST);
        String name = f.requiredString("name");
        List<Stage> stages = Requests.stages(f, "stages");
        sendVersions(ex, registry.getLatestVersions(name, stages), null);
    }

    private void setModelTag(ApiExchange ex) {
        RequestFields f = ex.fields(MODEL_TAG);
        String name = f.requiredString("name");
        String key = f.requiredString("key");
        registry.setRegisteredModelTag(name, new Tag(key, f.stringOr("value", "")));
        ex.sendEmptyJson();
    }

    private void deleteModelTag(ApiExchange ex) {
        RequestFields f = ex.fields(MODEL_TAG_KEY);
        String name = f.requiredString("name");
        registry.deleteRegisteredModelTag(name, f.requiredString("key"));
        ex.sendEmptyJson();
    }

    private void setAlias(ApiExchange ex) {
        RequestFields f = ex.fields(SET_ALIAS);
        String name = f.requiredString("name");
        String alias = f.requiredString("alias");
        long version = Requests.version(f, "version");
        registry.setRegisteredModelAlias(name, alias, version);
        ex.sendEmptyJson();
    }

    private void deleteAlias(ApiExchange ex) {
        RequestFields f = ex.fields(ALIAS);
        String name = f.requiredString("name");
        registry.deleteRegisteredModelAlias(name, f.requiredString("alias"));
        ex.sendEmptyJson();
    }

    private void getByAlias(ApiExchange ex) {
        RequestFields f = ex.fields(ALIAS);
        String name = f.requiredString("name");
        sendVersion(ex, registry.getModelVersionByAlias(name, f.requiredString("alias")));
    }

    // ---- model versions

    private void createVersion(ApiExchange ex) {
        RequestFields f = ex.fields(CREATE_VERSION);
        String name = f.requiredString("name");
        String source = f.requiredString("source");
        String runId = ExperimentHandlers.emptyToNull(f.optionalString("run_id"));
        List<Tag> tags = Requests.tags(f, "tags");
        String runLink = ExperimentHandlers.emptyToNull(f.optionalString("run_link"));
        String description = f.optionalString("description");
        String runArtifactUri = runId != null && UriSafety.isLocal(source)
                ? tracking.getRun(runId).info().artifactUri()
                : null;
        UriSafety.checkModelSource(source, runArtifactUri);
        sendVersion(ex, registry.createModelVersion(name, source, runId, tags, runLink, description));
    }

    private void getVersion(ApiExchange ex) {
        RequestFields f = ex.fields(BY_VERSION);
        String name = f.requiredString("name");
        sendVersion(ex, registry.getModelVersion(name, Requests.version(f, "version")));
    }

    private void updateVersion(ApiExchange ex) {
        RequestFields f = ex.fields(UPDATE_VERSION);
        String name = f.requiredString("name");
        long version = Requests.version(f, "version");
        sendVersion(ex, registry.updateModelVersion(name, version, f.optionalString("description")));
    }

    private void deleteVersion(ApiExchange ex) {
        RequestFields f = ex.fields(BY_VERSION);
        String name = f.requiredString("name");
        registry.deleteModelVersion(name, Requests.version(f, "version"));
        ex.sendEmptyJson();
    }

    private void searchVersions(ApiExchange ex) {
        RequestFields f = ex.fields(SEARCH);
        String filter = ExperimentHandlers.emptyToNull(f.optionalString("filter"));
        int maxResults = f.int32Or("max_results", DEFAULT_VERSIONS_PAGE);
        List<String> orderBy = f.stringList("order_by");
        String pageToken = ExperimentHandlers.emptyToNull(f.optionalString("page_token"));
        Page<ModelVersion> page = registry.searchModelVersions(filter, maxResults, orderBy, pageToken);
        sendVersions(ex, page.items(), page.nextPageToken().orElse(null));
    }

    private void transitionStage(ApiExchange ex) {
        RequestFields f = ex.fields(TRANSITION);
        String name = f.requiredString("name");
        long version = Requests.version(f, "version");
        Stage stage = Stage.fromWire(f.requiredString("stage"));
        boolean archive = f.requiredBool("archive_existing_versions");
        sendVersion(ex, registry.transitionModelVersionStage(name, version, stage, archive));
    }

    private void setVersionTag(ApiExchange ex) {
        RequestFields f = ex.fields(VERSION_TAG);
        String name = f.requiredString("name");
        long version = Requests.version(f, "version");
        String key = f.requiredString("key");
        registry.setModelVersionTag(name, version, new Tag(key, f.stringOr("value", "")));
        ex.sendEmptyJson();
    }

    private void deleteVersionTag(ApiExchange ex) {
        RequestFields f = ex.fields(VERSION_TAG_KEY);
        String name = f.requiredString("name");
        long version = Requests.version(f, "version");
        registry.deleteModelVersionTag(name, version, f.requiredString("key"));
        ex.sendEmptyJson();
    }

    private void downloadUri(ApiExchange ex) {
        RequestFields f = ex.fields(BY_VERSION);
        String name = f.requiredString("name");
        String uri = registry.getModelVersionDownloadUri(name, Requests.version(f, "version"));
        ex.sendJson(g -> g.writeStringField("artifact_uri", uri));
    }

    // ---- answers

    private static void sendModel(ApiExchange ex, RegisteredModel model) {
        ex.sendJson(g -> {
            g.writeFieldName("registered_model");
            MlflowWire.registeredModel(g, model);
        });
    }

    private static void sendVersion(ApiExchange ex, ModelVersion version) {
        ex.sendJson(g -> {
            g.writeFieldName("model_version");
            MlflowWire.modelVersion(g, version);
        });
    }

    private static void sendVersions(ApiExchange ex, List<ModelVersion> versions, String nextPageToken) {
        ex.sendJson(g -> {
            if (!versions.isEmpty()) {
                g.writeArrayFieldStart("model_versions");
                for (ModelVersion v : versions) {
                    MlflowWire.modelVersion(g, v);
                }
                g.writeEndArray();
            }
            if (nextPageToken != null) {
                g.writeStringField("next_page_token", nextPageToken);
            }
        });
    }
}
