package dev.gyre.store;

import dev.gyre.core.page.Page;
import dev.gyre.core.registry.AliasChange;
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

    /** Deletes the model with all its versions, tags, aliases and alias history. */
    void deleteRegisteredModel(String name);

    /** MLflow's registered-model filter grammar: {@code name = / LIKE / ILIKE}, {@code tags.<key>}. */
    Page<RegisteredModel> searchRegisteredModels(String filter, int maxResults, List<String> orderBy, String pageToken);

    /** The newest version in each of {@code stages} (all stages when empty). */
    List<ModelVersion> getLatestVersions(String name, List<Stage> stages);

    void setRegisteredModelTag(String name, Tag tag);

    void deleteRegisteredModelTag(String name, String key);

    /** MLflow's set-alias: {@link #moveAlias} without an actor or a reason. */
    void setRegisteredModelAlias(String name, String alias, long version);

    /**
     * MLflow's delete-alias. Removing an alias that exists records an {@link AliasChange} with a null version (and
     * no actor or reason); removing one that does not exist changes and records nothing.
     */
    void deleteRegisteredModelAlias(String name, String alias);

    /**
     * Points {@code alias} at {@code version} and records who did it and why, in one transaction: the model and the
     * version must exist ({@code RESOURCE_DOES_NOT_EXIST} otherwise), the previous version is read under the model's
     * lock, so concurrent moves of one model's aliases each see the one before. Every call records a change, even
     * one that leaves the alias where it was (previous version = version): a deliberate re-confirmation is history
     * too.
     *
     * @param actor who moves it (at most 256 characters), or null
     * @param reason why (at most 5000 characters), or null
     * @return the recorded change
     */
    AliasChange moveAlias(String name, String alias, long version, String actor, String reason);

    /**
     * The recorded changes of one alias of a model ({@code alias} null: of all its aliases), newest first.
     * {@code maxResults} is 1 to 1000; the model must exist.
     */
    Page<AliasChange> searchAliasHistory(String name, String alias, int maxResults, String pageToken);

    ModelVersion getModelVersionByAlias(String name, String alias);

    /** Creates the next version (1, 2, …) of an existing registered model. */
    ModelVersion createModelVersion(
            String name, String source, String runId, List<Tag> tags, String runLink, String description);

    ModelVersion getModelVersion(String name, long version);

    ModelVersion updateModelVersion(String name, long version, String description);

    /** Deletes a version and the aliases pointing at it, recording each alias's removal in its history. */
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
