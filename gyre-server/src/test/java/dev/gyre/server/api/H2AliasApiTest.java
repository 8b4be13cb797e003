package dev.gyre.server.api;

import dev.gyre.store.TestDatabases;

/** The alias REST endpoints over an embedded H2 database. */
class H2AliasApiTest extends AliasApiContract {
    @Override
    protected String freshBackendUri() {
        return TestDatabases.h2Memory();
    }
}
