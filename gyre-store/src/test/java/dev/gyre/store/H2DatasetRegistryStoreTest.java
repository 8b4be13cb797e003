package dev.gyre.store;

/** The DatasetRegistryStore contract on an embedded H2 database. */
class H2DatasetRegistryStoreTest extends DatasetRegistryStoreContract {
    @Override
    protected String freshBackendUri() {
        return TestDatabases.h2Memory();
    }
}
