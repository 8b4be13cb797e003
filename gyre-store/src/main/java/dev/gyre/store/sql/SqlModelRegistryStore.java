package dev.gyre.store.sql;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.page.Page;
import dev.gyre.core.registry.AliasChange;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.registry.ModelVersionStatus;
import dev.gyre.core.registry.RegisteredModel;
import dev.gyre.core.registry.Stage;
import dev.gyre.core.tracking.Tag;
import dev.gyre.store.ModelRegistryStore;
import dev.gyre.store.Validation;
import dev.gyre.store.search.PageToken;
import dev.gyre.store.search.SearchParser;
import dev.gyre.store.search.SearchTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The model registry over H2 or PostgreSQL, with MLflow's semantics: versions numbered 1, 2, … per model (never
 * reused), stages with archive-existing-versions, aliases that move on set and vanish with their version, and
 * renames that cascade to versions, tags, aliases and alias history through the schema's foreign keys. Writes lock
 * the model's row first, so concurrent version creation, stage transitions and alias moves on one model are
 * serialised. Every alias write goes through {@link AliasHistoryDao}, which records it.
 */
public final class SqlModelRegistryStore implements ModelRegistryStore {
    private static final List<Stage> ACTIVE_STAGES = List.of(Stage.STAGING, Stage.PRODUCTION);

    private final Database db;
    private final ModelVersionsDao versions = new ModelVersionsDao();
    private final RegisteredModelsDao models = new RegisteredModelsDao(versions);
    private final AliasHistoryDao aliases = new AliasHistoryDao();

    SqlModelRegistryStore(Database db) {
        this.db = db;
    }

    // ---- registered models ----------------------------------------------------------------------------------

    @Override
    public RegisteredModel createRegisteredModel(String name, List<Tag> tags, String description) {
        Validation.registeredModelName(name);
        List<Tag> tagList = SqlTrackingStore.orEmpty(tags);
        tagList.forEach(Validation::registeredModelTag);
        Validation.description(description);
        return db.inTransaction(c -> {
            models.insert(c, name, description, SqlTrackingStore.now());
            for (Tag t : ExperimentsDao.lastValuePerKey(tagList)) {
                models.upsertTag(c, name, t);
            }
            return models.load(c, models.require(c, name, false));
        });
    }

    @Override
    public RegisteredModel getRegisteredModel(String name) {
        Validation.registeredModelName(name);
        return db.inTransaction(c -> models.load(c, models.require(c, name, false)));
    }

    @Override
    public RegisteredModel renameRegisteredModel(String name, String newName) {
        Validation.registeredModelName(name);
        Validation.registeredModelName(newName);
        return db.inTransaction(c -> {
            models.require(c, name, true);
            if (!name.equals(newName)) {
                if (models.exists(c, newName)) {
                    throw RegisteredModelsDao.alreadyExists(newName);
                }
                // ON UPDATE CASCADE carries the new name to versions, tags, aliases and alias history.
                Sql.update(
                        c,
                        "UPDATE registered_models SET name = ?, last_updated_time = ? WHERE name = ?",
                        newName,
                        SqlTrackingStore.now(),
                        name);
            }
            return models.load(c, models.require(c, newName, false));
        });
    }

    @Override
    public RegisteredModel updateRegisteredModel(String name, String description) {
        Validation.registeredModelName(name);
        Validation.description(description);
        return db.inTransaction(c -> {
            models.require(c, name, true);
            Sql.update(
                    c,
                    "UPDATE registered_models SET description = ?, last_updated_time = ? WHERE name = ?",
                    Sql.nullableText(description),
                    SqlTrackingStore.now(),
                    name);
            return models.load(c, models.require(c, name, false));
        });
    }

    @Override
    public void deleteRegisteredModel(String name) {
        Validation.registeredModelName(name);
        db.run(c -> {
            models.require(c, name, true);
            // Versions, tags, aliases and alias history go with it (ON DELETE CASCADE).
            Sql.update(c, "DELETE FROM registered_models WHERE name = ?", name);
            return null;
        });
    }

    @Override
    public Page<RegisteredModel> searchRegisteredModels(
            String filter, int maxResults, List<String> orderBy, String pageToken) {
        Validation.registryMaxResults(maxResults, Validation.SEARCH_REGISTERED_MODEL_MAX_RESULTS_THRESHOLD);
        var comparisons = SearchParser.parseFilter(filter, SearchTarget.REGISTERED_MODELS);
        var order = SearchParser.parseOrderBy(orderBy, SearchTarget.REGISTERED_MODELS);
        long offset = PageToken.decodeOffset(pageToken);
        SqlQuery q = RegistrySearch.registeredModels(comparisons, order, maxResults + 1, offset);
        return db.inTransaction(c -> SqlTrackingStore.page(
                models.load(c, Sql.query(c, q.sql(), RegisteredModelsDao::row, q.args())), maxResults, offset));
    }

    @Override
    public List<ModelVersion> getLatestVersions(String name, List<Stage> stages) {
        Validation.registeredModelName(name);
        List<Stage> wanted = stages == null || stages.isEmpty() ? Arrays.asList(Stage.values()) : stages;
        return db.inTransaction(c -> {
            models.require(c, name, false);
            List<ModelVersionsDao.Row> latest = new ArrayList<>(versions.latestPerStage(c, List.of(name)));
            latest.removeIf(r -> !wanted.contains(r.stage()));
            latest.sort(Comparator.comparingInt(r -> wanted.indexOf(r.stage())));
            return versions.load(c, latest);
        });
    }

    @Override
    public void setRegisteredModelTag(String name, Tag tag) {
        Validation.registeredModelName(name);
        Validation.registeredModelTag(tag);
        db.run(c -> {
            models.require(c, name, true);
            models.upsertTag(c, name, tag);
            return null;
        });
    }

    @Override
    public void deleteRegisteredModelTag(String name, String key) {
        Validation.registeredModelName(name);
        Validation.keyName("tag", key);
        db.run(c -> {
            models.require(c, name, true);
            Sql.update(c, "DELETE FROM registered_model_tags WHERE name = ? AND tag_key = ?", name, key);
            return null;
        });
    }

    // ---- aliases --------------------------------------------------------------------------------------------

    @Override
    public void setRegisteredModelAlias(String name, String alias, long version) {
        moveAlias(name, alias, version, null, null);
    }

    @Override
    public AliasChange moveAlias(String name, String alias, long version, String actor, String reason) {
        Validation.registeredModelName(name);
        Validation.aliasName(alias);
        Validation.modelVersion(version);
        Validation.aliasChange(actor, reason);
        return db.inTransaction(c -> {
            models.require(c, name, true);
            versions.require(c, name, version, false);
            return aliases.set(c, name, alias, version, actor, reason, SqlTrackingStore.now());
        });
    }

    @Override
    public void deleteRegisteredModelAlias(String name, String alias) {
        Validation.registeredModelName(name);
        Validation.aliasName(alias);
        db.run(c -> {
            models.require(c, name, true);
            aliases.remove(c, name, alias, null, SqlTrackingStore.now());
            return null;
        });
    }

    @Override
    public Page<AliasChange> searchAliasHistory(String name, String alias, int maxResults, String pageToken) {
        Validation.registeredModelName(name);
        if (alias != null) {
            Validation.aliasName(alias);
        }
        Validation.registryMaxResults(maxResults, Validation.ALIAS_HISTORY_MAX_RESULTS_THRESHOLD);
        long offset = PageToken.decodeOffset(pageToken);
        return db.inTransaction(c -> {
            models.require(c, name, false);
            return SqlTrackingStore.page(aliases.search(c, name, alias, maxResults + 1, offset), maxResults, offset);
        });
    }

    @Override
    public ModelVersion getModelVersionByAlias(String name, String alias) {
        Validation.registeredModelName(name);
        Validation.aliasName(alias);
        return db.inTransaction(c -> {
            Long version = Sql.queryOne(
                            c,
                            "SELECT version FROM registered_model_aliases WHERE name = ? AND alias = ?",
                            rs -> rs.getLong(1),
                            name,
                            alias)
                    .orElse(null);
            if (version == null) {
                throw GyreException.invalid("Registered model alias " + alias + " not found.");
            }
            return versions.load(c, versions.require(c, name, version, false));
        });
    }

    // ---- model versions -------------------------------------------------------------------------------------

    @Override
    public ModelVersion createModelVersion(
            String name, String source, String runId, List<Tag> tags, String runLink, String description) {
        Validation.registeredModelName(name);
        if (source == null || source.isEmpty()) {
            throw GyreException.invalid("Model version source cannot be empty.");
        }
        List<Tag> tagList = SqlTrackingStore.orEmpty(tags);
        tagList.forEach(Validation::modelVersionTag);
        Validation.description(description);
        return db.inTransaction(c -> {
            long now = SqlTrackingStore.now();
            models.require(c, name, true);
            long version = models.nextVersion(c, name, now);
            var row = new ModelVersionsDao.Row(
                    name,
                    version,
                    now,
                    now,
                    description,
                    null,
                    Stage.NONE,
                    source,
                    runId == null || runId.isEmpty() ? null : runId,
                    runLink,
                    ModelVersionStatus.READY,
                    null);
            versions.insert(c, row);
            for (Tag t : ExperimentsDao.lastValuePerKey(tagList)) {
                versions.upsertTag(c, name, version, t);
            }
            return versions.load(c, row);
        });
    }

    @Override
    public ModelVersion getModelVersion(String name, long version) {
        Validation.registeredModelName(name);
        Validation.modelVersion(version);
        return db.inTransaction(c -> versions.load(c, versions.require(c, name, version, false)));
    }

    @Override
    public ModelVersion updateModelVersion(String name, long version, String description) {
        Validation.registeredModelName(name);
        Validation.modelVersion(version);
        Validation.description(description);
        return db.inTransaction(c -> {
            versions.require(c, name, version, true);
            Sql.update(
                    c,
                    "UPDATE model_versions SET description = ?, last_updated_time = ? WHERE name = ?"
                            + " AND version = ?",
                    Sql.nullableText(description),
                    SqlTrackingStore.now(),
                    name,
                    version);
            return versions.load(c, versions.require(c, name, version, false));
        });
    }

    @Override
    public void deleteModelVersion(String name, long version) {
        Validation.registeredModelName(name);
        Validation.modelVersion(version);
        db.run(c -> {
            models.require(c, name, true);
            versions.require(c, name, version, true);
            long now = SqlTrackingStore.now();
            // Its aliases are removed here so that their history records it; its tags go with it (ON DELETE CASCADE).
            aliases.removeAllPointingAt(c, name, version, now);
            Sql.update(c, "DELETE FROM model_versions WHERE name = ? AND version = ?", name, version);
            models.touch(c, name, now);
            return null;
        });
    }

    @Override
    public Page<ModelVersion> searchModelVersions(
            String filter, int maxResults, List<String> orderBy, String pageToken) {
        Validation.registryMaxResults(maxResults, Validation.SEARCH_MODEL_VERSION_MAX_RESULTS_THRESHOLD);
        var comparisons = SearchParser.parseFilter(filter, SearchTarget.MODEL_VERSIONS);
        var order = SearchParser.parseOrderBy(orderBy, SearchTarget.MODEL_VERSIONS);
        long offset = PageToken.decodeOffset(pageToken);
        SqlQuery q = RegistrySearch.modelVersions(comparisons, order, maxResults + 1, offset);
        return db.inTransaction(c -> SqlTrackingStore.page(
                versions.load(c, Sql.query(c, q.sql(), ModelVersionsDao::row, q.args())), maxResults, offset));
    }

    @Override
    public ModelVersion transitionModelVersionStage(
            String name, long version, Stage stage, boolean archiveExistingVersions) {
        Validation.registeredModelName(name);
        Validation.modelVersion(version);
        if (stage == null) {
            throw GyreException.invalid("Invalid Model Version stage: None. Value must be one of None, Staging,"
                    + " Production, Archived.");
        }
        if (archiveExistingVersions && !ACTIVE_STAGES.contains(stage)) {
            throw GyreException.invalid("Model version transition cannot archive existing model versions because '"
                    + stage.wireName() + "' is not an Active stage. Valid stages are ['Staging', 'Production']");
        }
        return db.inTransaction(c -> {
            long now = SqlTrackingStore.now();
            models.require(c, name, true);
            versions.require(c, name, version, true);
            Sql.update(
                    c,
                    "UPDATE model_versions SET current_stage = ?, last_updated_time = ? WHERE name = ?"
                            + " AND version = ?",
                    stage.wireName(),
                    now,
                    name,
                    version);
            if (archiveExistingVersions) {
                Sql.update(
                        c,
                        "UPDATE model_versions SET current_stage = ?, last_updated_time = ? WHERE name = ?"
                                + " AND version <> ? AND current_stage = ?",
                        Stage.ARCHIVED.wireName(),
                        now,
                        name,
                        version,
                        stage.wireName());
            }
            models.touch(c, name, now);
            return versions.load(c, versions.require(c, name, version, false));
        });
    }

    @Override
    public void setModelVersionTag(String name, long version, Tag tag) {
        Validation.registeredModelName(name);
        Validation.modelVersion(version);
        Validation.modelVersionTag(tag);
        db.run(c -> {
            versions.require(c, name, version, true);
            versions.upsertTag(c, name, version, tag);
            return null;
        });
    }

    @Override
    public void deleteModelVersionTag(String name, long version, String key) {
        Validation.registeredModelName(name);
        Validation.modelVersion(version);
        Validation.keyName("tag", key);
        db.run(c -> {
            versions.require(c, name, version, true);
            Sql.update(
                    c,
                    "DELETE FROM model_version_tags WHERE name = ? AND version = ? AND tag_key = ?",
                    name,
                    version,
                    key);
            return null;
        });
    }

    @Override
    public String getModelVersionDownloadUri(String name, long version) {
        return getModelVersion(name, version).source();
    }

    /** The database belongs to {@link dev.gyre.store.MetadataStores}, which closes it; nothing to do here. */
    @Override
    public void close() {}
}
