package dev.gyre.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.store.MetadataStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the SQL metadata stores for a backend-store URI, migrating the schema with Flyway first. */
public final class SqlMetadataStores {
    private static final Logger LOG = LoggerFactory.getLogger(SqlMetadataStores.class);
    /** H2's error code for a database file locked by another process (DATABASE_ALREADY_OPEN_1). */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private SqlMetadataStores() {}

    /**
     * Opens the stores.
     *
     * @param backendStoreUri {@code h2:/path/to/db} (embedded file database), {@code h2:mem:name} (in memory, for
     *     tests), {@code postgresql://user:pass@host:port/db} (also {@code postgresql+psycopg2://}); {@code jdbc:h2:…}
     *     and {@code jdbc:postgresql:…} are accepted as they are
     * @param defaultArtifactRoot the root new experiments get their artifact location under, e.g.
     *     {@code mlflow-artifacts:/} (experiment 1 then gets {@code mlflow-artifacts:/1})
     * @throws GyreException {@code INVALID_PARAMETER_VALUE} for an unsupported URI, {@code INTERNAL_ERROR} when the
     *     database cannot be opened (including an embedded database in use by another process)
     */
    public static MetadataStores open(String backendStoreUri, String defaultArtifactRoot) {
        if (defaultArtifactRoot == null || defaultArtifactRoot.isBlank()) {
            throw GyreException.invalid("A default artifact root is required to open the metadata store");
        }
        BackendUri uri = BackendUri.parse(backendStoreUri);
        if (uri.h2File() != null) {
            createParentDirectories(uri.h2File());
        }
        HikariDataSource dataSource = pool(uri, backendStoreUri);
        Database db = new Database(
                dataSource, uri.dialect(), uri.dialect() == Dialect.H2 && uri.h2File() == null, uri.h2File() != null);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            SqlTrackingStore tracking = new SqlTrackingStore(db, defaultArtifactRoot);
            tracking.createDefaultExperimentIfMissing();
            SqlModelRegistryStore registry = new SqlModelRegistryStore(db);
            SqlDatasetRegistryStore datasets = new SqlDatasetRegistryStore(db);
            SqlDeploymentStore deployments = new SqlDeploymentStore(db);
            LOG.info("Opened the metadata store {}", BackendUri.redact(backendStoreUri));
            return new MetadataStores(tracking, registry, datasets, deployments, db);
        } catch (RuntimeException e) {
            db.close();
            if (e instanceof GyreException) {
                throw e;
            }
            SQLException cause = findSqlException(e);
            throw new GyreException(
                    ErrorCode.INTERNAL_ERROR,
                    "Could not prepare the metadata store "
                            + BackendUri.redact(backendStoreUri) + ": "
                            + e.getMessage().strip()
                            + (cause != null ? " (" + cause.getMessage() + ")" : ""),
                    e);
        }
    }

    private static HikariDataSource pool(BackendUri uri, String original) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(uri.jdbcUrl());
        if (uri.user() != null) {
            config.setUsername(uri.user());
        }
        if (uri.password() != null) {
            config.setPassword(uri.password());
        }
        config.setPoolName("gyre-metadata");
        config.setMaximumPoolSize(uri.dialect() == Dialect.H2 ? 8 : 10);
        config.setAutoCommit(true);
        if (uri.dialect() == Dialect.POSTGRESQL) {
            // Sends a JDBC batch of inserts as multi-row INSERTs: several times faster for log-batch.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            SQLException sql = findSqlException(e);
            if (sql != null && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN && uri.h2File() != null) {
                throw new GyreException(
                        ErrorCode.INTERNAL_ERROR,
                        "the embedded database " + uri.h2File()
                                + " is in use by another Gyre process; stop it or choose another --backend-store-uri",
                        e);
            }
            String detail = sql != null ? sql.getMessage() : e.getMessage();
            throw new GyreException(
                    ErrorCode.INTERNAL_ERROR,
                    "Could not connect to the metadata store " + BackendUri.redact(original) + ": " + detail,
                    e);
        }
    }

    private static SQLException findSqlException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    private static void createParentDirectories(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new GyreException(
                    ErrorCode.INTERNAL_ERROR,
                    "Could not create the directory " + parent + " for the embedded database: " + e.getMessage(),
                    e);
        }
    }
}
