package dev.gyre.core.config;

import dev.gyre.core.error.GyreException;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Resolves a {@link GyreConfig} with the precedence flags &gt; {@code GYRE_*} environment &gt; properties file
 * &gt; defaults. The environment and the user's home directory are passed in, never read from the process, so
 * that resolution is a pure function of its inputs and tests need no global state.
 *
 * <p>The properties file is {@code --config FILE} when given (it must exist), else {@code $GYRE_HOME/gyre.properties}
 * when present. Unknown keys are errors, so a typo does not silently fall back to a default. A leading {@code ~/}
 * in paths means the user's home directory. Bad values raise {@link GyreException} ({@code INVALID_PARAMETER_VALUE})
 * naming where the value came from. Environment variables set to an empty string count as unset, as in most
 * container tooling.
 */
public final class ConfigResolver {

    /** The file read from the home directory when no {@code --config} is given. */
    public static final String DEFAULT_FILE_NAME = "gyre.properties";

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5000;

    private final Map<String, String> environment;
    private final Path userHome;

    /**
     * @param environment the process environment (e.g. {@code System.getenv()})
     * @param userHome the user's home directory (e.g. {@code Path.of(System.getProperty("user.home"))})
     */
    public ConfigResolver(Map<String, String> environment, Path userHome) {
        this.environment = Map.copyOf(environment);
        this.userHome = userHome.toAbsolutePath().normalize();
    }

    /** Resolves the configuration for the given command-line flags. */
    public GyreConfig resolve(ConfigOverrides flags) {
        Path home = resolveHome(flags);
        Optional<Path> configFile = locateFile(flags, home);
        Map<Setting, String> fromFile = configFile.map(this::readFile).orElseGet(() -> new EnumMap<>(Setting.class));

        Value host = pick(Setting.HOST, flags.host(), fromFile, configFile);
        Value port = pick(Setting.PORT, flags.port(), fromFile, configFile);
        Value backend = pick(Setting.BACKEND_STORE_URI, flags.backendStoreUri(), fromFile, configFile);
        Value artifacts = pick(Setting.ARTIFACTS_DESTINATION, flags.artifactsDestination(), fromFile, configFile);
        Value tracking = pick(Setting.TRACKING_URI, flags.trackingUri(), fromFile, configFile);
        List<Path> dataRoots = dataRoots(flags, fromFile, configFile);

        return new GyreConfig(
                home,
                host == null ? DEFAULT_HOST : nonBlank(host),
                port == null ? DEFAULT_PORT : parsePort(port),
                backend == null ? GyreConfig.defaultBackendStoreUri(home) : nonBlank(backend),
                artifacts == null ? GyreConfig.defaultArtifactsDestination(home) : toPath(nonBlank(artifacts)),
                tracking == null ? Optional.empty() : Optional.of(nonBlank(tracking)),
                configFile,
                dataRoots);
    }

    /**
     * Each {@code --data-root} flag, else the first of environment and file, split on the platform path separator
     * ({@code :} on Unix, {@code ;} on Windows). Empty entries between separators are errors, not "the current
     * directory", so that a stray separator cannot widen what the server may read.
     */
    private List<Path> dataRoots(ConfigOverrides flags, Map<Setting, String> fromFile, Optional<Path> file) {
        if (flags.dataRoots() != null) {
            List<Path> roots = new ArrayList<>();
            for (String flag : flags.dataRoots()) {
                roots.add(toPath(nonBlank(new Value(flag, Setting.DATA_ROOTS.flag()))));
            }
            return roots;
        }
        Value value = pick(Setting.DATA_ROOTS, null, fromFile, file);
        if (value == null) {
            return List.of();
        }
        List<Path> roots = new ArrayList<>();
        for (String entry : nonBlank(value).split(Pattern.quote(File.pathSeparator), -1)) {
            if (entry.isBlank()) {
                throw GyreException.invalid("Empty folder in the data roots from " + value.origin() + " ('"
                        + value.text().strip() + "'): separate folders with '" + File.pathSeparator + "'.");
            }
            roots.add(toPath(entry.strip()));
        }
        return roots;
    }

    private Path resolveHome(ConfigOverrides flags) {
        if (flags.home() != null) {
            return flags.home().toAbsolutePath().normalize();
        }
        String fromEnv = environment.get("GYRE_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return toPath(fromEnv.strip());
        }
        return userHome.resolve(".gyre");
    }

    private Optional<Path> locateFile(ConfigOverrides flags, Path home) {
        if (flags.configFile() != null) {
            Path file = flags.configFile().toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw GyreException.invalid("Config file " + file + " (from --config) does not exist.");
            }
            return Optional.of(file);
        }
        Path inHome = home.resolve(DEFAULT_FILE_NAME);
        return Files.isRegularFile(inHome) ? Optional.of(inHome) : Optional.empty();
    }

    private Map<Setting, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw GyreException.invalid("Cannot read config file " + file + ": " + e.getMessage());
        }
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
            Setting setting = Setting.forFileKey(key)
                    .orElseThrow(() -> GyreException.invalid("Unknown key '" + key + "' in config file " + file
                            + ". Known keys: " + String.join(", ", Setting.fileKeys()) + "."));
            values.put(setting, properties.getProperty(key).strip());
        }
        return values;
    }

    /** A raw value and where it came from, for error messages. */
    private record Value(String text, String origin) {}

    private Value pick(Setting setting, String flag, Map<Setting, String> fromFile, Optional<Path> file) {
        if (flag != null) {
            return new Value(flag, setting.flag());
        }
        for (String variable : setting.environmentVariables()) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return new Value(value, variable);
            }
        }
        String value = fromFile.get(setting);
        if (value != null) {
            return new Value(value, setting.fileKey() + " in " + file.orElseThrow());
        }
        return null;
    }

    private static String nonBlank(Value value) {
        if (value.text().isBlank()) {
            throw GyreException.invalid("Empty value for " + value.origin() + ".");
        }
        return value.text().strip();
    }

    private static int parsePort(Value value) {
        String text = nonBlank(value);
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw GyreException.invalid("Invalid port '" + text + "' from " + value.origin() + ": not a number.");
        }
        if (port < 0 || port > 65_535) {
            throw GyreException.invalid("Invalid port " + port + " from " + value.origin()
                    + ": must be between 0 and 65535 (0 picks a free port).");
        }
        return port;
    }

    private Path toPath(String text) {
        String expanded = text.equals("~")
                ? userHome.toString()
                : text.startsWith("~/") ? userHome.resolve(text.substring(2)).toString() : text;
        return Path.of(expanded).toAbsolutePath().normalize();
    }
}
