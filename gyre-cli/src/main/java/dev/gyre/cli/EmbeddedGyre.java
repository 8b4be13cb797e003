package dev.gyre.cli;

import dev.gyre.core.config.GyreConfig;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.server.GyreServer;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.artifact.LocalArtifactStore;
import dev.gyre.store.sql.SqlMetadataStores;
import java.io.IOException;
import java.nio.file.Files;

/**
 * A Gyre server running in this process over the configured stores. Closing it stops the server first (no new
 * requests), then closes the stores.
 */
public final class EmbeddedGyre implements AutoCloseable {

    /** Where new experiments put their artifacts: behind the server's artifact proxy. */
    public static final String DEFAULT_ARTIFACT_ROOT = "mlflow-artifacts:/";

    private final GyreServer server;
    private final MetadataStores stores;
    private final LocalArtifactStore artifacts;

    private EmbeddedGyre(GyreServer server, MetadataStores stores, LocalArtifactStore artifacts) {
        this.server = server;
        this.stores = stores;
        this.artifacts = artifacts;
    }

    /** Opens the stores and starts the server; on failure nothing stays open. */
    public static EmbeddedGyre start(GyreConfig config) {
        try {
            Files.createDirectories(config.home());
        } catch (IOException e) {
            throw new GyreException(
                    ErrorCode.INTERNAL_ERROR,
                    "Cannot create the Gyre home " + config.home() + ": " + e.getMessage(),
                    e);
        }
        MetadataStores stores = openStores(config.backendStoreUri());
        try {
            LocalArtifactStore artifacts = new LocalArtifactStore(config.artifactsDestination());
            GyreServer server = startServer(config, stores, artifacts);
            return new EmbeddedGyre(server, stores, artifacts);
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    /** Opens the metadata stores alone, for commands that only read them (the list commands). */
    public static MetadataStores openStoresForReading(String backendStoreUri) {
        return openStores(backendStoreUri);
    }

    private static MetadataStores openStores(String backendStoreUri) {
        try {
            return SqlMetadataStores.open(backendStoreUri, DEFAULT_ARTIFACT_ROOT);
        } catch (GyreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new GyreException(
                    ErrorCode.INTERNAL_ERROR,
                    "Cannot open the metadata store " + redact(backendStoreUri) + ": " + OneLineErrors.message(e),
                    e);
        }
    }

    private static GyreServer startServer(GyreConfig config, MetadataStores stores, LocalArtifactStore artifacts) {
        try {
            GyreServer.Options options =
                    new GyreServer.Options(config.host(), config.port()).withDataRoots(config.dataRoots());
            return GyreServer.start(options, stores, artifacts);
        } catch (GyreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new GyreException(
                    ErrorCode.INTERNAL_ERROR,
                    "Cannot listen on " + config.host() + ":"
                            + config.port() + ": " + OneLineErrors.message(e)
                            + " (is another server using the port? --port 0 picks a free one)",
                    e);
        }
    }

    /** Hides a password in {@code scheme://user:password@host/…}, for messages. */
    public static String redact(String uri) {
        return uri.replaceFirst("://([^:/@]+):[^@/]*@", "://$1:***@");
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    public MetadataStores stores() {
        return stores;
    }

    /** The artifact store the server proxies, for in-process jobs that write run artifacts (training). */
    public LocalArtifactStore artifacts() {
        return artifacts;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            stores.close();
        }
    }
}
