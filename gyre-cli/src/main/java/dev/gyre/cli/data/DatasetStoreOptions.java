package dev.gyre.cli.data;

import dev.gyre.cli.CliContext;
import dev.gyre.cli.EmbeddedGyre;
import dev.gyre.cli.client.TrackingClient;
import dev.gyre.core.config.ConfigOverrides;
import dev.gyre.core.config.GyreConfig;
import dev.gyre.core.error.GyreException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the dataset commands work, as the list commands decide it: a tracking server when a tracking URI is given
 * (flag, {@code GYRE_TRACKING_URI} or {@code MLFLOW_TRACKING_URI}), otherwise the local store, opened in this
 * process.
 */
public final class DatasetStoreOptions {

    @Option(
            names = "--tracking-uri",
            paramLabel = "URL",
            description = "Gyre server holding the datasets (GYRE_TRACKING_URI, MLFLOW_TRACKING_URI); it reads paths"
                    + " on its own machine. Default: the local store.")
    String trackingUri;

    @Option(
            names = "--backend-store-uri",
            paramLabel = "URI",
            description = "Local metadata store to use when no tracking server is given "
                    + "(GYRE_BACKEND_STORE_URI, default h2:$GYRE_HOME/db/gyre).")
    String backendStoreUri;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file to read instead of $GYRE_HOME/gyre.properties.")
    Path configFile;

    /**
     * @param mustExist refuse a local store that does not exist yet (listing), rather than creating it
     *     (registering)
     */
    DatasetsBackend open(CliContext context, boolean mustExist) {
        GyreConfig config =
                context.config(new ConfigOverrides(null, configFile, null, null, backendStoreUri, null, trackingUri));
        if (config.trackingUri().isPresent()) {
            return new DatasetsBackend.Remote(
                    TrackingClient.connect(config.trackingUri().get()));
        }
        String uri = config.backendStoreUri();
        if (mustExist
                && uri.startsWith("h2:")
                && !uri.startsWith("h2:mem:")
                && !Files.exists(Path.of(uri.substring(3) + ".mv.db"))) {
            throw GyreException.notFound("No local Gyre store at " + uri.substring(3) + " yet: register a dataset"
                    + " with `gyre data register` first, or pass --tracking-uri http://HOST:PORT.");
        }
        try {
            return new DatasetsBackend.Embedded(EmbeddedGyre.openStoresForReading(uri), EmbeddedGyre.redact(uri));
        } catch (GyreException e) {
            throw new GyreException(
                    e.code(),
                    e.getMessage() + " (if a Gyre server is using this store, use it instead: --tracking-uri"
                            + " http://HOST:PORT)",
                    e);
        }
    }
}
