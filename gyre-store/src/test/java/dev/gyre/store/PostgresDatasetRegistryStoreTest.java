package dev.gyre.store;

/** The DatasetRegistryStore contract on a PostgreSQL database created for this class (needs GYRE_TEST_POSTGRES_URL). */
class PostgresDatasetRegistryStoreTest extends DatasetRegistryStoreContract {
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
