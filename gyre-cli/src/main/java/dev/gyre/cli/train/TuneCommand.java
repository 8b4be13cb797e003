package dev.gyre.cli.train;

import dev.gyre.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Mixin
    ProjectJobOptions options = new ProjectJobOptions();

    @Spec
    CommandSpec spec;

    private final CliContext cli;

    public TuneCommand(CliContext context) {
        this.cli = context;
    }

    @Override
    public Integer call() {
        return TrainCommand.execute(cli, options, spec, true);
    }
}
