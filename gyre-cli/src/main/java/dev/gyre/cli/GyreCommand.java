package dev.gyre.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code gyre} command; it only groups the subcommands. */
@Command(
        name = "gyre",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description =
                "Gyre: an MLOps platform for the JVM — an MLflow-compatible tracking server and model registry, and the data stage.",
        footer = {
            "",
            "Settings come from flags, then GYRE_* environment variables, then --config FILE "
                    + "(else $GYRE_HOME/gyre.properties), then defaults (GYRE_HOME=~/.gyre)."
        })
public final class GyreCommand {

    /** Inherited by every subcommand; read by {@link OneLineErrors}, which decides whether to print stack traces. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces on errors.")
    boolean verbose;
}
