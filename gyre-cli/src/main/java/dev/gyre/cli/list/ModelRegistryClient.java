package dev.gyre.cli.list;

import dev.gyre.core.page.Page;
import dev.gyre.core.registry.AliasChange;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.registry.RegisteredModel;
import java.util.List;

/**
 * What {@code gyre models show} and {@code gyre models promote} ask of the registry, answered by a Gyre server over
 * HTTP ({@link HttpModelRegistryClient}) or by the local embedded store ({@link StoreModelRegistryClient}). A
 * sibling of {@link TrackingQueries}, kept apart because it also writes (promotions); both implementations return
 * the same records, so the commands print the same text and JSON either way. Unknown models and versions fail
 * with {@code RESOURCE_DOES_NOT_EXIST} and the store's message in both.
 */
public interface ModelRegistryClient extends AutoCloseable {

    /** Page size used when reading every version of a model. */
    int VERSIONS_PAGE = 1000;

    RegisteredModel getModel(String name);

    ModelVersion getVersion(String name, long version);

    /** Every version of the model, newest first. */
    List<ModelVersion> allVersions(String name);

    /** Recorded alias changes of the model ({@code alias} null: all aliases), newest first. */
    Page<AliasChange> aliasHistory(String name, String alias, int maxResults, String pageToken);

    /** Moves {@code alias} to {@code version}, recording {@code actor} and {@code reason}. */
    AliasChange promote(String name, String alias, long version, String actor, String reason);

    /** Where the answers come from, for messages: a URL or a store URI. */
    String source();

    @Override
    void close();

    /** MLflow's filter for one model's versions, the model name quoted as the filter grammar wants. */
    static String versionsOf(String name) {
        return "name = '" + name.replace("'", "\\'") + "'";
    }
}
