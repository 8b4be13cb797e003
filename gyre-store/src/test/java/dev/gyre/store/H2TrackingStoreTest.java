package dev.gyre.store;

/** The TrackingStore contract on an embedded H2 database. */
class H2TrackingStoreTest extends TrackingStoreContract {
    @Override
    protected String freshBackendUri() {
        return TestDatabases.h2Memory();
    }
}
