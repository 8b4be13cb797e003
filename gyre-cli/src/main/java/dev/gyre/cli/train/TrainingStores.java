package dev.gyre.cli.train;

import dev.gyre.cli.CliContext;
import dev.gyre.cli.EmbeddedGyre;
import dev.gyre.cli.GyreVersion;
import dev.gyre.core.config.ConfigOverrides;
import dev.gyre.core.config.GyreConfig;
import dev.gyre.core.error.GyreException;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.artifact.LocalArtifactStore;
import dev.gyre.train.run.TrainingEnvironment;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/**
 * Where {@code gyre train} and {@code gyre tune} record, and where {@code gyre evaluate} finds registered models: the
 * local metadata store (H2 under {@code GYRE_HOME}, or a shared PostgreSQL with {@code --backend-store-uri}) and the
 * local artifact folder a Gyre server on the same store serves. Training through a remote server's HTTP API is not
 * supported: the job writes model packages straight into the artifact store, which only a process next to it can do.
 */
public final class TrainingStores {

    @Option(
            names = "--backend-store-uri",
            paramLabel = "URI",
            description = "Metadata store to record into (GYRE_BACKEND_STORE_URI, default h2:$GYRE_HOME/db/gyre).")
    String backendStoreUri;

    @Option(
            names = "--artifacts-destination",
            paramLabel = "DIR",
            description = "Folder for run artifacts (GYRE_ARTIFACTS_DESTINATION, default $GYRE_HOME/artifacts).")
    String artifactsDestination;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file to read instead of $GYRE_HOME/gyre.properties.")
    Path configFile;

    /** The stores, opened (and created when missing); the caller closes them. */
    Opened open(CliContext context) {
        return open(context, "gyre train records into");
    }

    /**
     * The stores, opened (and created when missing) for {@code usage}, the start of the refusal when a tracking URI is
     * set, e.g. {@code "gyre evaluate reads from"}; the caller closes them.
     */
    Opened open(CliContext context, String usage) {
        GyreConfig config = context.config(
                new ConfigOverrides(null, configFile, null, null, backendStoreUri, artifactsDestination, null));
        if (config.trackingUri().isPresent()) {
            throw GyreException.invalid(usage + " a local or shared store (--backend-store-uri), not"
                    + " through a server's HTTP API; unset GYRE_TRACKING_URI / MLFLOW_TRACKING_URI (it is "
                    + config.trackingUri().get() + ") or point --backend-store-uri at the server's store");
        }
        MetadataStores stores = EmbeddedGyre.openStoresForReading(config.backendStoreUri());
        LocalArtifactStore artifacts = new LocalArtifactStore(config.artifactsDestination());
        TrainingEnvironment environment = new TrainingEnvironment(
                stores.tracking(),
                stores.registry(),
                stores.datasets(),
                artifacts,
                context.userName(),
                Clock.systemUTC(),
                GyreVersion.current());
        return new Opened(stores, artifacts, environment, EmbeddedGyre.redact(config.backendStoreUri()));
    }

    /** Open stores and the environment built on them. */
    record Opened(MetadataStores stores, LocalArtifactStore artifacts, TrainingEnvironment environment, String uri)
            implements AutoCloseable {
        @Override
        public void close() {
            stores.close();
        }
    }
}
