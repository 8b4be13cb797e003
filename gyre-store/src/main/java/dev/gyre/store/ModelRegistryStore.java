package dev.gyre.store;

import dev.gyre.core.page.Page;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.registry.RegisteredModel;
import dev.gyre.core.registry.Stage;
import dev.gyre.core.tracking.Tag;
import java.util.List;

/**
 * Registered models, their versions, tags and aliases — MLflow's model registry {@code AbstractStore}. Same
 * contract as {@link TrackingStore}: validated arguments, one transaction per call, thread-safe.
 */
public interface ModelRegistryStore extends AutoCloseable {

    RegisteredModel createRegisteredModel(String name, List<Tag> tags, String description);

    RegisteredModel getRegisteredModel(String name);

    RegisteredModel renameRegisteredModel(String name, String newName);

    RegisteredModel updateRegisteredModel(String name, String description);

    /** Deletes the model with all its versions, tags and aliases. */
    void deleteRegisteredModel(String name);

    /** MLflow's registered-model filter grammar: {@code name = / LIKE / ILIKE}, {@code tags.<key>}. */
    Page<RegisteredModel> searchRegisteredModels(String filter, int maxResults, List<String> orderBy, String pageToken);

    /** The newest version in each of {@code stages} (all stages when empty). */
    List<ModelVersion> getLatestVersions(String name, List<Stage> stages);

    void setRegisteredModelTag(String name, Tag tag);

    void deleteRegisteredModelTag(String name, String key);

    void setRegisteredModelAlias(String name, String alias, long version);

    void deleteRegisteredModelAlias(String name, String alias);

    ModelVersion getModelVersionByAlias(String name, String alias);

    /** Creates the next version (1, 2, …) of an existing registered model. */
    ModelVersion createModelVersion(
            String name, String source, String runId, List<Tag> tags, String runLink, String description);

    ModelVersion getModelVersion(String name, long version);

    ModelVersion updateModelVersion(String name, long version, String description);

    /** Deletes a version and the aliases pointing at it. */
    void deleteModelVersion(String name, long version);

    /** MLflow's model-version filter grammar: {@code name}, {@code run_id} (=, IN), {@code source_path}, tags. */
    Page<ModelVersion> searchModelVersions(String filter, int maxResults, List<String> orderBy, String pageToken);

    ModelVersion transitionModelVersionStage(String name, long version, Stage stage, boolean archiveExistingVersions);

    void setModelVersionTag(String name, long version, Tag tag);

    void deleteModelVersionTag(String name, long version, String key);

    /** Where the version's artifacts can be downloaded from (its {@code source}). */
    String getModelVersionDownloadUri(String name, long version);

    @Override
    void close();
}
