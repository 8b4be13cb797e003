package dev.gyre.cli;

import dev.gyre.core.config.ConfigOverrides;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags that say where a server listens and stores; each overrides its {@code GYRE_*} variable. */
public final class ServerOptions {

    @Option(names = "--host", paramLabel = "HOST", description = "Interface to bind (GYRE_HOST, default 127.0.0.1).")
    String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port to bind, 0 for a free one (GYRE_PORT, default 5000).")
    String port;

    @Option(
            names = "--backend-store-uri",
            paramLabel = "URI",
            description = "Metadata store: h2:PATH or postgresql://user:pass@host:port/db "
                    + "(GYRE_BACKEND_STORE_URI, default h2:$GYRE_HOME/db/gyre).")
    String backendStoreUri;

    @Option(
            names = "--artifacts-destination",
            paramLabel = "DIR",
            description = "Directory for artifacts (GYRE_ARTIFACTS_DESTINATION, default $GYRE_HOME/artifacts).")
    String artifactsDestination;

    @Option(
            names = "--data-root",
            paramLabel = "DIR",
            description = "Folder under which the data endpoints (datasets/register, data/*) may read files; repeat"
                    + " for several (GYRE_DATA_ROOTS, separated by the path separator). Without it, a server on"
                    + " loopback reads any path and one on another address reads none.")
    List<String> dataRoots;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file to read instead of $GYRE_HOME/gyre.properties.")
    Path configFile;

    /** These flags as overrides, optionally with a home directory. */
    public ConfigOverrides overrides(Path home) {
        return new ConfigOverrides(
                home, configFile, host, port, backendStoreUri, artifactsDestination, null, dataRoots);
    }
}
