package dev.gyre.cli.list;

import dev.gyre.core.page.Page;
import dev.gyre.core.registry.AliasChange;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.registry.RegisteredModel;
import dev.gyre.store.MetadataStores;
import java.util.ArrayList;
import java.util.List;

/** {@link ModelRegistryClient} over the metadata store opened in this process; closing closes the store. */
final class StoreModelRegistryClient implements ModelRegistryClient {

    private final MetadataStores stores;
    private final String source;

    StoreModelRegistryClient(MetadataStores stores, String source) {
        this.stores = stores;
        this.source = source;
    }

    @Override
    public RegisteredModel getModel(String name) {
        return stores.registry().getRegisteredModel(name);
    }

    @Override
    public ModelVersion getVersion(String name, long version) {
        return stores.registry().getModelVersion(name, version);
    }

    @Override
    public List<ModelVersion> allVersions(String name) {
        List<ModelVersion> versions = new ArrayList<>();
        String token = null;
        do {
            Page<ModelVersion> page = stores.registry()
                    .searchModelVersions(
                            ModelRegistryClient.versionsOf(name), VERSIONS_PAGE, List.of("version_number DESC"), token);
            versions.addAll(page.items());
            token = page.nextPageToken().orElse(null);
        } while (token != null);
        return versions;
    }

    @Override
    public Page<AliasChange> aliasHistory(String name, String alias, int maxResults, String pageToken) {
        return stores.registry().searchAliasHistory(name, alias, maxResults, pageToken);
    }

    @Override
    public AliasChange promote(String name, String alias, long version, String actor, String reason) {
        return stores.registry().moveAlias(name, alias, version, actor, reason);
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public void close() {
        stores.close();
    }
}
