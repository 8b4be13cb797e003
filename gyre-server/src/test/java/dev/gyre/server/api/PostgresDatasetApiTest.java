package dev.gyre.server.api;

import dev.gyre.store.TestDatabases;

/** The dataset REST endpoints over PostgreSQL (needs GYRE_TEST_POSTGRES_URL). */
class PostgresDatasetApiTest extends DatasetApiContract {
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
