package dev.gyre.store;

/** The ModelRegistryStore contract on an embedded H2 database. */
class H2ModelRegistryStoreTest extends ModelRegistryStoreContract {
    @Override
    protected String freshBackendUri() {
        return TestDatabases.h2Memory();
    }
}
