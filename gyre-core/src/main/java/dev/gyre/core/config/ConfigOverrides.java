package dev.gyre.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The settings given on the command line; {@code null} means "not given". Highest precedence.
 *
 * @param home {@code --home}
 * @param configFile {@code --config}: read this properties file instead of {@code $GYRE_HOME/gyre.properties}
 * @param port {@code --port} as typed, validated with the same rules and messages as the other sources
 * @param dataRoots each {@code --data-root} as typed, in order; {@code null} (or empty) when the flag was not given
 */
public record ConfigOverrides(
        Path home,
        Path configFile,
        String host,
        String port,
        String backendStoreUri,
        String artifactsDestination,
        String trackingUri,
        List<String> dataRoots) {

    public ConfigOverrides {
        dataRoots = dataRoots == null || dataRoots.isEmpty() ? null : List.copyOf(dataRoots);
    }

    /** Without {@code --data-root}, for commands that do not start a server. */
    public ConfigOverrides(
            Path home,
            Path configFile,
            String host,
            String port,
            String backendStoreUri,
            String artifactsDestination,
            String trackingUri) {
        this(home, configFile, host, port, backendStoreUri, artifactsDestination, trackingUri, null);
    }

    /** No flags given. */
    public static ConfigOverrides none() {
        return new ConfigOverrides(null, null, null, null, null, null, null, null);
    }
}
