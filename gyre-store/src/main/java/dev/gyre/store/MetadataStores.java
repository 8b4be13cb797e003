package dev.gyre.store;

/**
 * The tracking, model registry, dataset registry and deployment stores over one database, opened together because
 * they share a connection pool; closing this closes them all and the pool.
 */
public record MetadataStores(
        TrackingStore tracking,
        ModelRegistryStore registry,
        DatasetRegistryStore datasets,
        DeploymentStore deployments,
        AutoCloseable resources)
        implements AutoCloseable {

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not close the metadata store: " + e.getMessage(), e);
        }
    }
}
