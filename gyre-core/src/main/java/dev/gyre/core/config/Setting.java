package dev.gyre.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The settings a properties file or the environment may hold, with their names in each place, so that the
 * precedence rule and error messages are written once. The home directory is not here: it locates the file.
 */
public enum Setting {
    HOST("--host", "server.host", "GYRE_HOST"),
    PORT("--port", "server.port", "GYRE_PORT"),
    BACKEND_STORE_URI("--backend-store-uri", "store.backend-uri", "GYRE_BACKEND_STORE_URI"),
    ARTIFACTS_DESTINATION("--artifacts-destination", "store.artifacts-destination", "GYRE_ARTIFACTS_DESTINATION"),
    TRACKING_URI("--tracking-uri", "tracking.uri", "GYRE_TRACKING_URI", "MLFLOW_TRACKING_URI"),
    /** A list: the flag repeats, the environment and the file separate folders with the platform path separator. */
    DATA_ROOTS("--data-root", "server.data-roots", "GYRE_DATA_ROOTS");

    private final String flag;
    private final String fileKey;
    private final List<String> environmentVariables;

    Setting(String flag, String fileKey, String... environmentVariables) {
        this.flag = flag;
        this.fileKey = fileKey;
        this.environmentVariables = List.of(environmentVariables);
    }

    public String flag() {
        return flag;
    }

    public String fileKey() {
        return fileKey;
    }

    /** Environment variables in precedence order (the first set one wins). */
    public List<String> environmentVariables() {
        return environmentVariables;
    }

    /** The setting a properties-file key names. */
    public static Optional<Setting> forFileKey(String key) {
        return Arrays.stream(values()).filter(s -> s.fileKey.equals(key)).findFirst();
    }

    /** All file keys, for error messages. */
    public static List<String> fileKeys() {
        return Arrays.stream(values()).map(Setting::fileKey).toList();
    }
}
