package dev.gyre.cli.data;

import dev.gyre.cli.CliContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gyre data}: groups the data-stage commands (dataset versions, profiles, label and quality checks, drift,
 * schemas and validation).
 */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description =
                "Understand a dataset before training on it: register versions of it, profile it, check its labels"
                        + " and quality, infer a schema and validate new data against it, compare it with another.")
public final class DataCommand {

    /** The group with its subcommands; {@code context} gives the dataset commands their store settings. */
    public static CommandLine tree(CliContext context) {
        return new CommandLine(new DataCommand())
                .addSubcommand(new RegisterCommand(context))
                .addSubcommand(new DatasetsListCommand(context))
                .addSubcommand(new DatasetVersionsCommand(context))
                .addSubcommand(new ProfileCommand())
                .addSubcommand(new CheckLabelsCommand())
                .addSubcommand(new CompareCommand(context))
                .addSubcommand(new InferSchemaCommand(context))
                .addSubcommand(new ValidateCommand(context));
    }
}
