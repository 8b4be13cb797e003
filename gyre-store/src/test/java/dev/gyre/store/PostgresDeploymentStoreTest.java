package dev.gyre.store;

/** The DeploymentStore contract on a PostgreSQL database created for this class (needs GYRE_TEST_POSTGRES_URL). */
class PostgresDeploymentStoreTest extends DeploymentStoreContract {
    private TestDatabases.PostgresDatabase database;

    @Override
    protected String freshBackendUri() {
        database = TestDatabases.freshPostgres();
        return database.uri();
    }

    /** The class's own database: a second set of stores opened, closed and reopened beside the shared one. */
    @Override
    protected String durableBackendUri() {
        return database.uri();
    }

    @Override
    protected void releaseBackend() {
        if (database != null) {
            database.close();
        }
    }
}
