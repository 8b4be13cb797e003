package dev.gyre.cli;

import dev.gyre.core.config.ConfigOverrides;
import dev.gyre.core.config.ConfigResolver;
import dev.gyre.core.config.GyreConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the commands need from the process — environment, user, how to wait for Ctrl-C — passed in rather than
 * read from globals, so that tests run every command in-process with their own values.
 *
 * @param environment environment variables ({@code GYRE_*}, {@code MLFLOW_TRACKING_URI})
 * @param userHome where {@code ~} and the default {@code ~/.gyre} are
 * @param userName recorded as {@code mlflow.user} on runs the quickstart creates
 * @param stopSignal how long-running commands ({@code server}, {@code quickstart --serve}) learn to stop
 */
public record CliContext(Map<String, String> environment, Path userHome, String userName, StopSignal stopSignal) {

    public CliContext {
        environment = Map.copyOf(environment);
    }

    /** The real process: its environment, {@code user.home}, {@code user.name} and the JVM's shutdown hooks. */
    public static CliContext fromSystem() {
        return new CliContext(
                System.getenv(),
                Path.of(System.getProperty("user.home")),
                System.getProperty("user.name", "gyre"),
                new ShutdownHookStopSignal());
    }

    /** Resolves the configuration for the given flags against this context's environment. */
    public GyreConfig config(ConfigOverrides flags) {
        return new ConfigResolver(environment, userHome).resolve(flags);
    }
}
