package dev.gyre.server.api;

import dev.gyre.store.TestDatabases;

/** The alias REST endpoints over PostgreSQL (needs GYRE_TEST_POSTGRES_URL). */
class PostgresAliasApiTest extends AliasApiContract {
    private TestDatabases.PostgresDatabase database;

    @Override
    protected String freshBackendUri() {
        database = TestDatabases.freshPostgres();
        return database.uri();
    }

    @Override
    protected void releaseBackend() {
        if (database != null) {
            database.close();
        }
    }
}
