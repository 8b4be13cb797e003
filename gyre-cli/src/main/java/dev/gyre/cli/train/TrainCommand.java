package dev.gyre.cli.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.cli.CliContext;
import dev.gyre.store.artifact.ArtifactPaths;
import dev.gyre.train.run.TrainingJob;
import dev.gyre.train.run.TrainingOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gyre train [gyre.yaml]}: trains the project's model with its baselines, evaluates it against them and the
 * champion, records everything as an MLflow run and registers the model only when it meets its targets. The exit
 * code gates a CI pipeline: 0 when the gate passed, 1 when it failed.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train, evaluate and (when its targets are met) register the model a project file describes.",
            "Records one MLflow run: params, per-iteration metrics, dataset inputs, the model package (model/) and",
            "the evaluation report (evaluation/report.html). Exit code 0: gate passed and registered; 1: gate failed."
        })
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    ProjectJobOptions options = new ProjectJobOptions();

    @Spec
    CommandSpec spec;

    private final CliContext cli;

    public TrainCommand(CliContext context) {
        this.cli = context;
    }

    @Override
    public Integer call() {
        return execute(cli, options, spec, false);
    }

    /** Runs {@code gyre train} or ({@code tune}) {@code gyre tune}: the job, then the summary; the exit code. */
    static int execute(CliContext cli, ProjectJobOptions options, CommandSpec spec, boolean tune) {
        PrintWriter err = spec.commandLine().getErr();
        String command = tune ? "gyre tune" : "gyre train";
        TrainingOutcome outcome;
        Path artifactsRoot;
        try (TrainingStores.Opened opened = options.stores.open(cli)) {
            ProgressLines progress = new ProgressLines(
                    err, command, System.console() != null && System.console().isTerminal());
            TrainingJob.Listener listener = options.quiet ? TrainingJob.Listener.NONE : progress;
            TrainingJob job = new TrainingJob(opened.environment(), listener);
            try {
                outcome = tune ? job.tune(options.project) : job.run(options.project);
            } finally {
                progress.finish();
            }
            artifactsRoot = opened.artifacts().root();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            out.println(json(outcome));
        } else {
            outcome.tuning().ifPresent(tuning -> TuningText.print(tuning, out));
            print(outcome, artifactsRoot, out);
        }
        out.flush();
        return outcome.gatePassed() ? 0 : 1;
    }

    /** The text summary: run, metric table against the competitors, gate reasons, registration. */
    static void print(TrainingOutcome outcome, Path artifactsRoot, PrintWriter out) {
        out.println("Run " + outcome.runId() + " (experiment " + outcome.experimentId() + "), metrics on the "
                + outcome.evaluatedOn() + " rows:");
        ReportText.comparison(outcome.report().comparison(), out);
        ReportText.gate(outcome.gatePassed(), outcome.reasons(), out);
        if (outcome.registeredVersion().isPresent()) {
            out.println("Registered version " + outcome.registeredVersion().getAsLong() + " as @"
                    + outcome.alias().orElseThrow() + " (" + outcome.modelUri() + ")");
        } else {
            out.println("Not registered. The model package is kept with the run: " + outcome.modelUri());
        }
        String root = ArtifactPaths.proxiedRoot(outcome.modelUri().replaceFirst("/model$", ""));
        out.println("Report: " + artifactsRoot.resolve(root).resolve("evaluation/report.html"));
        if (outcome.rowsWithoutTarget() > 0) {
            out.println("Note: " + outcome.rowsWithoutTarget() + " rows without a target value were left out.");
        }
    }

    static String json(TrainingOutcome outcome) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("experiment_id", outcome.experimentId());
        root.put("run_id", outcome.runId());
        root.put("model_uri", outcome.modelUri());
        root.put("evaluated_on", outcome.evaluatedOn());
        ReportText.metrics(root, "metrics", outcome.metrics());
        root.put("gate_passed", outcome.gatePassed());
        ArrayNode reasons = root.putArray("reasons");
        outcome.reasons().forEach(reasons::add);
        if (outcome.registeredVersion().isPresent()) {
            root.put("registered_version", outcome.registeredVersion().getAsLong());
            root.put("alias", outcome.alias().orElseThrow());
        } else {
            root.putNull("registered_version");
        }
        root.put("rows_without_target", outcome.rowsWithoutTarget());
        outcome.tuning().ifPresent(tuning -> TuningText.json(tuning, root.putObject("tuning")));
        try {
            return mapper.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
