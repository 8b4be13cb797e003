package dev.gyre.cli.list;

import dev.gyre.core.page.Page;
import dev.gyre.core.registry.RegisteredModel;
import dev.gyre.core.tracking.Experiment;
import dev.gyre.core.tracking.Run;
import dev.gyre.core.tracking.ViewType;
import dev.gyre.store.MetadataStores;
import java.util.List;
import java.util.Optional;

/** {@link TrackingQueries} answered by opening the metadata store directly; only searches, never writes. */
final class StoreTrackingQueries implements TrackingQueries {

    private final MetadataStores stores;
    private final String source;

    StoreTrackingQueries(MetadataStores stores, String source) {
        this.stores = stores;
        this.source = source;
    }

    @Override
    public Page<Experiment> searchExperiments(String filter, List<String> orderBy, int maxResults, String pageToken) {
        return stores.tracking().searchExperiments(ViewType.ACTIVE_ONLY, maxResults, filter, orderBy, pageToken);
    }

    @Override
    public Optional<Experiment> experimentByName(String name) {
        return stores.tracking().getExperimentByName(name);
    }

    @Override
    public Page<Run> searchRuns(
            List<String> experimentIds, String filter, List<String> orderBy, int maxResults, String pageToken) {
        return stores.tracking()
                .searchRuns(experimentIds, filter, ViewType.ACTIVE_ONLY, maxResults, orderBy, pageToken);
    }

    @Override
    public Page<RegisteredModel> searchRegisteredModels(
            String filter, List<String> orderBy, int maxResults, String pageToken) {
        return stores.registry().searchRegisteredModels(filter, maxResults, orderBy, pageToken);
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
