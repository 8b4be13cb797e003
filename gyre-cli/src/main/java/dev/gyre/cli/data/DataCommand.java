package dev.gyre.cli.data;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gyre data}: groups the data-stage commands (profiles, label and quality checks, drift, schemas and
 * validation).
 */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description =
                "Understand a dataset before training on it: profile it, check its labels and quality, infer a"
                        + " schema and validate new data against it, compare it with another.")
public final class DataCommand {

    /** The group with its subcommands. */
    public static CommandLine tree() {
        return new CommandLine(new DataCommand())
                .addSubcommand(new ProfileCommand())
                .addSubcommand(new CheckLabelsCommand())
                .addSubcommand(new CompareCommand())
                .addSubcommand(new InferSchemaCommand())
                .addSubcommand(new ValidateCommand());
    }
}
