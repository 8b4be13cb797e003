package dev.gyre.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** Entry point of the {@code gyre} command: routes JUL (Helidon's logging) to SLF4J, runs the CLI, exits. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        LogDefaults.apply(args);
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int exitCode = GyreCli.create(CliContext.fromSystem()).execute(args);
        System.exit(exitCode);
    }
}
