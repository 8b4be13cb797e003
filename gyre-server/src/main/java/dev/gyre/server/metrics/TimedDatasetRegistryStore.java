package dev.gyre.server.metrics;

import dev.gyre.core.data.DatasetRegistration;
import dev.gyre.core.data.DatasetSummary;
import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.data.NewDatasetVersion;
import dev.gyre.core.page.Page;
import dev.gyre.store.DatasetRegistryStore;
import java.util.Optional;

/** A {@link DatasetRegistryStore} that times every call with a {@link StoreTimer}; behaviour is the delegate's. */
public final class TimedDatasetRegistryStore implements DatasetRegistryStore {

    private final DatasetRegistryStore delegate;
    private final StoreTimer timer;

    public TimedDatasetRegistryStore(DatasetRegistryStore delegate, StoreTimer timer) {
        this.delegate = delegate;
        this.timer = timer;
    }

    @Override
    public DatasetRegistration register(NewDatasetVersion version) {
        return timer.time("registerDataset", () -> delegate.register(version));
    }

    @Override
    public DatasetVersion getVersion(String name, long version) {
        return timer.time("getDatasetVersion", () -> delegate.getVersion(name, version));
    }

    @Override
    public DatasetVersion getLatestVersion(String name) {
        return timer.time("getLatestDatasetVersion", () -> delegate.getLatestVersion(name));
    }

    @Override
    public Optional<DatasetVersion> findVersionByDigest(String name, String digest) {
        return timer.time("findDatasetVersionByDigest", () -> delegate.findVersionByDigest(name, digest));
    }

    @Override
    public String getProfile(String name, long version) {
        return timer.time("getDatasetProfile", () -> delegate.getProfile(name, version));
    }

    @Override
    public Page<DatasetSummary> listDatasets(int maxResults, String pageToken) {
        return timer.time("listDatasets", () -> delegate.listDatasets(maxResults, pageToken));
    }

    @Override
    public Page<DatasetVersion> listVersions(String name, int maxResults, String pageToken) {
        return timer.time("listDatasetVersions", () -> delegate.listVersions(name, maxResults, pageToken));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
