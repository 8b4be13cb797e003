package dev.gyre.store;

import dev.gyre.store.sql.SqlMetadataStores;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Opens the metadata stores once per test class on a fresh database that the concrete class provides (H2 or
 * PostgreSQL). Tests share that database, so each names what it creates with {@link #unique(String)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContractSupport {
    protected static final String ARTIFACT_ROOT = "mlflow-artifacts:/";

    protected MetadataStores stores;

    /** A backend-store URI naming a fresh, empty database for this test class. */
    protected abstract String freshBackendUri();

    /** Frees what {@link #freshBackendUri()} created, after the stores are closed. */
    protected void releaseBackend() {}

    @BeforeAll
    void openStores() {
        stores = SqlMetadataStores.open(freshBackendUri(), ARTIFACT_ROOT);
    }

    @AfterAll
    void closeStores() {
        try {
            if (stores != null) {
                stores.close();
            }
        } finally {
            releaseBackend();
        }
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
