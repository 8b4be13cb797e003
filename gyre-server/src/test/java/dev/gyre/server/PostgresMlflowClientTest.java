package dev.gyre.server;

import dev.gyre.store.TestDatabases;
import org.junit.jupiter.api.AfterAll;

/**
 * The MLflow Java client suite over PostgreSQL: a fresh database from {@code GYRE_TEST_POSTGRES_URL}, dropped
 * afterwards; skipped without that variable, failing instead when {@code CI} is set.
 */
class PostgresMlflowClientTest extends AbstractMlflowClientSuite {

    private TestDatabases.PostgresDatabase database;

    @Override
    protected String backendUri() {
        database = TestDatabases.freshPostgres();
        return database.uri();
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
