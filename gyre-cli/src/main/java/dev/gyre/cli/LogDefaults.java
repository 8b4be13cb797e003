package dev.gyre.cli;

import java.util.Arrays;
import java.util.Map;

/**
 * Chooses how loud logging is for one invocation, before any logger exists: {@code gyre server} logs Gyre's
 * INFO lines (start-up, access log); {@code gyre serve} too, with the access log only under {@code --access-log};
 * every other command prints its own output and keeps Gyre's logs at WARN,
 * unless {@code --verbose} is given. Libraries stay at WARN (see {@code simplelogger.properties}). A value set with
 * {@code -D} on the command line wins.
 */
final class LogDefaults {

    static final String GYRE_LOG_LEVEL = "org.slf4j.simpleLogger.log.dev.gyre";

    static final String ACCESS_LOG_LEVEL = "org.slf4j.simpleLogger.log.dev.gyre.server.access";

    private LogDefaults() {}

    /** The system properties to set for these arguments. */
    static Map<String, String> forArguments(String[] args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        String command =
                Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        if (command.equals("server") || verbose) {
            return Map.of();
        }
        if (command.equals("serve")) {
            // Start-up, reloads and rollouts at INFO; the per-request access log only when asked for: at tens of
            // thousands of predictions a second a synchronous log line per request costs more than the prediction.
            return Arrays.asList(args).contains("--access-log") ? Map.of() : Map.of(ACCESS_LOG_LEVEL, "warn");
        }
        return Map.of(GYRE_LOG_LEVEL, "warn");
    }

    /** Applies {@link #forArguments} to this process, leaving properties already set alone. */
    static void apply(String[] args) {
        forArguments(args).forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }
}
