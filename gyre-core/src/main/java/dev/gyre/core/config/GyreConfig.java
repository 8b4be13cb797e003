package dev.gyre.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Gyre's resolved settings, one immutable value per process, so that every command sees the same answer to
 * "where is the data and where do I listen". Built by {@link ConfigResolver} from flags, {@code GYRE_*}
 * environment variables, a properties file and defaults, in that order of precedence.
 *
 * @param home the Gyre home directory ({@code GYRE_HOME}, default {@code ~/.gyre})
 * @param host the interface the server binds
 * @param port the port the server binds; 0 picks a free one
 * @param backendStoreUri the metadata store, e.g. {@code h2:/home/me/.gyre/db/gyre} or {@code postgresql://…}
 * @param artifactsDestination the directory the artifact proxy stores files under
 * @param trackingUri a remote tracking server for client commands; empty means the local store
 * @param configFile the properties file that was read, if any
 * @param dataRoots the folders under which the server's data endpoints may read files (absolute, normalised, in
 *     the order given); empty means none were configured, and then the server allows any path when it listens on
 *     loopback and none otherwise
 */
public record GyreConfig(
        Path home,
        String host,
        int port,
        String backendStoreUri,
        Path artifactsDestination,
        Optional<String> trackingUri,
        Optional<Path> configFile,
        List<Path> dataRoots) {

    public GyreConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(backendStoreUri, "backendStoreUri");
        Objects.requireNonNull(artifactsDestination, "artifactsDestination");
        Objects.requireNonNull(trackingUri, "trackingUri");
        Objects.requireNonNull(configFile, "configFile");
        dataRoots = List.copyOf(dataRoots);
    }

    /** Without data roots. */
    public GyreConfig(
            Path home,
            String host,
            int port,
            String backendStoreUri,
            Path artifactsDestination,
            Optional<String> trackingUri,
            Optional<Path> configFile) {
        this(home, host, port, backendStoreUri, artifactsDestination, trackingUri, configFile, List.of());
    }

    /** The default metadata store under a home: an embedded H2 file database. */
    public static String defaultBackendStoreUri(Path home) {
        return "h2:" + home.resolve("db").resolve("gyre");
    }

    /** The default artifact directory under a home. */
    public static Path defaultArtifactsDestination(Path home) {
        return home.resolve("artifacts");
    }
}
