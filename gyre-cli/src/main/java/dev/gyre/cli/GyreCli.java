package dev.gyre.cli;

import dev.gyre.cli.data.DataCommand;
import dev.gyre.cli.list.ExperimentsCommand;
import dev.gyre.cli.list.ModelsCommand;
import dev.gyre.cli.list.RunsCommand;
import dev.gyre.cli.predict.PredictCommand;
import dev.gyre.cli.quickstart.QuickstartCommand;
import dev.gyre.cli.serve.DeploymentsCommand;
import dev.gyre.cli.serve.ServeCommand;
import dev.gyre.cli.train.EvaluateCommand;
import dev.gyre.cli.train.TrainCommand;
import dev.gyre.cli.train.TuneCommand;
import picocli.CommandLine;

/**
 * Builds the {@code gyre} command tree. Commands are created here with their {@link CliContext}, explicitly,
 * rather than by picocli reflectively, so each one gets the environment it runs in.
 */
public final class GyreCli {
    private GyreCli() {}

    /** The whole command line, ready for {@link CommandLine#execute(String...)}. */
    public static CommandLine create(CliContext context) {
        CommandLine cli = new CommandLine(new GyreCommand())
                .addSubcommand(new ServerCommand(context))
                .addSubcommand(new QuickstartCommand(context))
                .addSubcommand(ExperimentsCommand.tree(context))
                .addSubcommand(RunsCommand.tree(context))
                .addSubcommand(ModelsCommand.tree(context))
                .addSubcommand(DataCommand.tree(context))
                .addSubcommand(new TrainCommand(context))
                .addSubcommand(new TuneCommand(context))
                .addSubcommand(new EvaluateCommand(context))
                .addSubcommand(new ServeCommand(context))
                .addSubcommand(DeploymentsCommand.tree(context))
                .addSubcommand(new PredictCommand(context));
        cli.getCommandSpec().versionProvider(new GyreVersion());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        return cli;
    }
}
