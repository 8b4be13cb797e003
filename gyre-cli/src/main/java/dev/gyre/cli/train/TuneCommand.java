package dev.gyre.cli.train;

import dev.gyre.cli.CliContext;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gyre tune [gyre.yaml]}: searches the project's {@code tuning:} space (each trial a child MLflow run),
 * then trains, evaluates, gates and registers the model with the best parameters, as {@code gyre train} does.
 */
@Command(
        name = "tune",
        mixinStandardHelpOptions = true,
        description = {
            "Search the project's tuning space, then train the model with the best parameters like gyre train.",
            "Each trial is a child run (mlflow.parentRunId) scored on the validation rows; the test rows are kept",
            "for the final, gating evaluation. Exit code 0: gate passed and registered; 1: gate failed."
        })
public final class TuneCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "PROJECT",
            description = "The project file (default: gyre.yaml in the current folder).")
    Path project = Path.of("gyre.yaml");

    @Mixin
    TrainingStores stores = new TrainingStores();

    @Option(names = "--json", description = "Print the outcome as JSON instead of text.")
    boolean json;

    @Option(names = "--quiet", description = "Do not print progress lines to standard error.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    private final CliContext cli;

    public TuneCommand(CliContext context) {
        this.cli = context;
    }

    @Override
    public Integer call() {
        return TrainCommand.execute(cli, stores, project, json, quiet, spec, true);
    }
}
