package dev.gyre.cli.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.cli.CliContext;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.io.AtomicFiles;
import dev.gyre.train.evaluate.ComparisonEntry;
import dev.gyre.train.evaluate.ComparisonRow;
import dev.gyre.train.evaluate.EvaluationJson;
import dev.gyre.train.evaluate.EvaluationPage;
import dev.gyre.train.run.ModelEvaluation;
import dev.gyre.train.run.TrainingJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gyre evaluate MODEL DATA}: how a packaged or registered model does on other labelled data than it was
 * trained and tested on (last month's rows, a new segment), against its own targets, what it measured at training,
 * the champion and any {@code --compare} model. Writes {@code evaluation.json} and {@code report.html}; like {@code
 * gyre train}, the exit code gates a pipeline: 0 when the gate passed, 1 when it failed.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate a model package (a folder, models:/NAME/VERSION or models:/NAME@ALIAS) on labelled data",
            "(a file or datasets:/NAME[/VERSION]): metrics, slices, worst errors, comparison with the metrics at",
            "training, the champion and --compare models, and the gate against the model's quality targets.",
            "Writes evaluation.json and report.html into --out. Exit code 0: gate passed; 1: gate failed."
        })
public final class EvaluateCommand implements Callable<Integer> {

    static final String JSON_FILE = "evaluation.json";
    static final String HTML_FILE = "report.html";

    @Parameters(
            index = "0",
            paramLabel = "MODEL",
            description = "A model package folder, models:/NAME/VERSION or models:/NAME@ALIAS.")
    String model;

    @Parameters(
            index = "1",
            paramLabel = "DATA",
            description =
                    "Labelled data with the model's target and input columns: a file or datasets:/NAME[/VERSION].")
    String data;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Folder for evaluation.json and report.html (default: ./evaluation).")
    Path out = Path.of("evaluation");

    @Option(
            names = "--compare",
            paramLabel = "MODEL",
            description = "Another model to score on the same rows (repeatable), e.g. models:/credit/2.")
    List<String> compare = new ArrayList<>();

    @Mixin
    TrainingStores stores = new TrainingStores();

    @Option(names = "--json", description = "Print the outcome as JSON instead of text.")
    boolean json;

    @Option(names = "--quiet", description = "Do not print progress lines to standard error.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    private final CliContext cli;

    public EvaluateCommand(CliContext context) {
        this.cli = context;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        TrainingJob.Listener listener = quiet
                ? TrainingJob.Listener.NONE
                : message -> {
                    err.println("gyre evaluate: " + message);
                    err.flush();
                };
        ModelEvaluation.Result result;
        try (TrainingStores.Opened opened = stores.open(cli, "gyre evaluate reads from")) {
            result = new ModelEvaluation(opened.environment(), listener).evaluate(model, data, compare);
        }
        Path html = write(HTML_FILE, EvaluationPage.html(result.report()));
        Path evaluation = write(JSON_FILE, EvaluationJson.write(result.report()));
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(json(result, html, evaluation));
        } else {
            print(result, html, evaluation, stdout);
        }
        stdout.flush();
        return result.gatePassed() ? 0 : 1;
    }

    private Path write(String file, String text) {
        Path target = out.resolve(file);
        try {
            return AtomicFiles.writeString(target, text);
        } catch (IOException e) {
            throw GyreException.invalid("cannot write " + target.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    /** The text summary: what was evaluated, the metric table against the competitors, the gate, the files. */
    static void print(ModelEvaluation.Result result, Path html, Path evaluation, PrintWriter out) {
        out.println("Evaluated " + result.model() + " on " + result.data() + " ("
                + result.report().metrics().rows() + " rows):");
        ReportText.comparison(result.report().comparison(), out);
        ReportText.gate(result.gatePassed(), result.report().verdict().reasons(), out);
        result.notes().forEach(note -> out.println("Note: " + note));
        out.println("Report: " + html);
        out.println("JSON: " + evaluation);
    }

    static String json(ModelEvaluation.Result result, Path html, Path evaluation) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("model", result.model());
        root.put("data", result.data());
        root.put("rows", result.report().metrics().rows());
        root.put("rows_without_target", result.rowsWithoutTarget());
        ReportText.metrics(root, "metrics", result.report().metrics().asMap());
        ObjectNode competitors = root.putObject("comparison");
        for (String competitor : result.report().comparison().competitors()) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (ComparisonRow row : result.report().comparison().rows()) {
                for (ComparisonEntry entry : row.others()) {
                    if (entry.name().equals(competitor)) {
                        values.put(row.metric(), entry.value());
                    }
                }
            }
            ReportText.metrics(competitors, competitor, values);
        }
        root.put("gate_passed", result.gatePassed());
        ArrayNode reasons = root.putArray("reasons");
        result.report().verdict().reasons().forEach(reasons::add);
        ArrayNode notes = root.putArray("notes");
        result.notes().forEach(notes::add);
        root.put("report", html.toString());
        root.put("evaluation_json", evaluation.toString());
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
