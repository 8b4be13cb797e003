package dev.gyre.cli.list;

import dev.gyre.cli.CliContext;
import dev.gyre.cli.EmbeddedGyre;
import dev.gyre.cli.client.TrackingClient;
import dev.gyre.core.config.ConfigOverrides;
import dev.gyre.core.config.GyreConfig;
import dev.gyre.core.error.GyreException;
import dev.gyre.store.MetadataStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The flags every list and model command shares: where to read from (and, for {@code models promote}, write to)
 * and how to print. With a tracking URI (flag,
 * {@code GYRE_TRACKING_URI} or {@code MLFLOW_TRACKING_URI}) they ask that server over HTTP; otherwise they open
 * the local store directly, and when a running {@code gyre server} holds that store they ask it at the configured
 * host and port.
 */
public final class ClientOptions {

    @Option(
            names = "--tracking-uri",
            paramLabel = "URL",
            description = "Tracking server to ask (GYRE_TRACKING_URI, MLFLOW_TRACKING_URI); "
                    + "default: read the local store directly.")
    String trackingUri;

    @Option(
            names = "--backend-store-uri",
            paramLabel = "URI",
            description = "Local metadata store to read when no tracking server is given "
                    + "(GYRE_BACKEND_STORE_URI, default h2:$GYRE_HOME/db/gyre).")
    String backendStoreUri;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file to read instead of $GYRE_HOME/gyre.properties.")
    Path configFile;

    @Option(names = "--json", description = "Print MLflow's JSON instead of a table.")
    boolean json;

    /** Opens the queries this invocation should use. */
    TrackingQueries open(CliContext context) {
        return connect(context, HttpTrackingQueries::new, StoreTrackingQueries::new);
    }

    /** Opens the registry client (reads and promotions) this invocation should use, chosen as {@link #open} is. */
    ModelRegistryClient openRegistry(CliContext context) {
        return connect(context, HttpModelRegistryClient::new, StoreModelRegistryClient::new);
    }

    /**
     * The server named by the flags or environment, else the local store, else the server holding that store.
     *
     * @param server what to build over a server
     * @param store what to build over the opened local store and its redacted URI (it then owns the store)
     */
    private <T> T connect(
            CliContext context, Function<TrackingClient, T> server, BiFunction<MetadataStores, String, T> store) {
        GyreConfig config =
                context.config(new ConfigOverrides(null, configFile, null, null, backendStoreUri, null, trackingUri));
        if (config.trackingUri().isPresent()) {
            return server.apply(TrackingClient.connect(config.trackingUri().get()));
        }
        String uri = config.backendStoreUri();
        if (uri.startsWith("h2:")
                && !uri.startsWith("h2:mem:")
                && !Files.exists(Path.of(uri.substring(3) + ".mv.db"))) {
            throw GyreException.notFound("No local Gyre store at " + uri.substring(3) + " yet: run `gyre quickstart`"
                    + " or `gyre server` first, or pass --tracking-uri http://HOST:PORT.");
        }
        MetadataStores stores;
        try {
            stores = EmbeddedGyre.openStoresForReading(uri);
        } catch (GyreException e) {
            // An embedded store is locked by the server that uses it: ask that server, where the config says it is.
            TrackingClient local = TrackingClient.connect(localServerUrl(config));
            if (answersHealth(local)) {
                return server.apply(local);
            }
            throw new GyreException(
                    e.code(),
                    e.getMessage() + " (if a Gyre server is using this store, ask it "
                            + "instead: --tracking-uri http://HOST:PORT)",
                    e);
        }
        return store.apply(stores, EmbeddedGyre.redact(uri));
    }

    private static String localServerUrl(GyreConfig config) {
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + config.port();
    }

    private static boolean answersHealth(TrackingClient client) {
        try {
            return client.getRaw("/health").statusCode() == 200;
        } catch (GyreException unreachable) {
            return false;
        }
    }

    boolean json() {
        return json;
    }
}
