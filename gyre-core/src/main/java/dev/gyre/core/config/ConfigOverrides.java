package dev.gyre.core.config;

import java.nio.file.Path;

/**
 * The settings given on the command line; {@code null} means "not given". Highest precedence.
 *
 * @param home {@code --home}
 * @param configFile {@code --config}: read this properties file instead of {@code $GYRE_HOME/gyre.properties}
 * @param port {@code --port} as typed, validated with the same rules and messages as the other sources
 */
public record ConfigOverrides(
        Path home,
        Path configFile,
        String host,
        String port,
        String backendStoreUri,
        String artifactsDestination,
        String trackingUri) {

    /** No flags given. */
    public static ConfigOverrides none() {
        return new ConfigOverrides(null, null, null, null, null, null, null);
    }
}
