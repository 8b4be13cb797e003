package dev.gyre.server.api;

import dev.gyre.store.TestDatabases;

/** The dataset REST endpoints over an embedded H2 database. */
class H2DatasetApiTest extends DatasetApiContract {
    @Override
    protected String freshBackendUri() {
        return TestDatabases.h2Memory();
    }
}
