package dev.gyre.store.sql;

import dev.gyre.store.MetadataStores;

/** Opens the SQL metadata stores for a backend-store URI, migrating the schema with Flyway first. */
public final class SqlMetadataStores {
    private SqlMetadataStores() {}

    /**
     * Opens the stores.
     *
     * @param backendStoreUri {@code h2:/path/to/db} (embedded file database), {@code h2:mem:name} (in memory, for
     *     tests), {@code postgresql://user:pass@host:port/db}; {@code jdbc:h2:…} and {@code jdbc:postgresql:…} are
     *     accepted as they are
     * @param defaultArtifactRoot the root new experiments get their artifact location under, e.g.
     *     {@code mlflow-artifacts:/} (experiment 1 then gets {@code mlflow-artifacts:/1})
     */
    public static MetadataStores open(String backendStoreUri, String defaultArtifactRoot) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
