package dev.gyre.cli.list;

import dev.gyre.cli.CliContext;
import dev.gyre.cli.output.Formats;
import dev.gyre.cli.output.Table;
import dev.gyre.core.page.Page;
import dev.gyre.core.registry.AliasChange;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.registry.RegisteredModel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gyre models show NAME}: one model with every version and the recent history of its aliases. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Show a registered model: description, aliases, versions (with their gate and task tags) and"
                + " the history of its aliases, newest first.")
final class ShowModelCommand implements Callable<Integer> {

    /** The most alias changes one page of history holds. */
    static final int MAX_HISTORY = 1000;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "NAME", description = "The registered model.")
    String name;

    @Option(
            names = "--history",
            paramLabel = "N",
            defaultValue = "20",
            description = "Show at most this many alias changes, 1 to 1000 (default ${DEFAULT-VALUE}).")
    int history;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    ShowModelCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (history < 1 || history > MAX_HISTORY) {
            throw new ParameterException(
                    spec.commandLine(), "--history must be between 1 and " + MAX_HISTORY + ", got " + history);
        }
        RegisteredModel model;
        List<ModelVersion> versions;
        Page<AliasChange> changes;
        try (ModelRegistryClient registry = client.openRegistry(context)) {
            model = registry.getModel(name);
            versions = registry.allVersions(name);
            changes = registry.aliasHistory(name, null, history, null);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (client.json()) {
            ModelJson json = new ModelJson();
            out.println(json.pretty(json.show(model, versions, changes)));
        } else {
            printModel(out, model);
            printVersions(out, versions);
            printHistory(out, changes);
        }
        out.flush();
        return 0;
    }

    private static void printModel(PrintWriter out, RegisteredModel model) {
        out.println("Model:       " + model.name());
        out.println("Description: " + (model.description() == null ? "-" : model.description()));
        String aliases = model.aliases().stream()
                .map(a -> a.alias() + "=v" + a.version())
                .collect(Collectors.joining(", "));
        out.println("Aliases:     " + (aliases.isEmpty() ? "-" : aliases));
        out.println("Updated:     " + Formats.time(model.lastUpdatedTimestamp()));
    }

    /** The gate and task columns appear only when some version has the tag. */
    private static void printVersions(PrintWriter out, List<ModelVersion> versions) {
        out.println();
        if (versions.isEmpty()) {
            out.println("No versions.");
            return;
        }
        boolean gate =
                versions.stream().anyMatch(v -> ModelTags.tag(v, ModelTags.GATE).isPresent());
        boolean task =
                versions.stream().anyMatch(v -> ModelTags.tag(v, ModelTags.TASK).isPresent());
        List<String> headers = new ArrayList<>(List.of("VERSION", "STATUS", "STAGE"));
        if (gate) {
            headers.add("GATE");
        }
        if (task) {
            headers.add("TASK");
        }
        headers.addAll(List.of("ALIASES", "RUN ID", "CREATED", "SOURCE"));
        Table table = new Table(headers);
        for (ModelVersion v : versions) {
            List<Object> row = new ArrayList<>(List.of(
                    "v" + v.version(), v.status().name(), v.currentStage().wireName()));
            if (gate) {
                row.add(ModelTags.tag(v, ModelTags.GATE).orElse(null));
            }
            if (task) {
                row.add(ModelTags.tag(v, ModelTags.TASK).orElse(null));
            }
            row.add(v.aliases().isEmpty() ? null : String.join(", ", v.aliases()));
            row.add(v.runId());
            row.add(Formats.time(v.creationTimestamp()));
            row.add(v.source());
            table.row(row);
        }
        table.print(out, "");
    }

    private static void printHistory(PrintWriter out, Page<AliasChange> changes) {
        out.println();
        if (changes.items().isEmpty()) {
            out.println("No alias changes recorded.");
            return;
        }
        out.println("Alias history (newest first):");
        Table table = new Table("TIME", "ALIAS", "CHANGE", "BY", "REASON");
        for (AliasChange c : changes.items()) {
            table.row(Formats.time(c.timestamp()), c.alias(), ModelTags.movement(c), c.actor(), c.reason());
        }
        table.print(out, "");
        if (changes.nextPageToken().isPresent()) {
            out.println("(older changes not shown: --history N shows more)");
        }
    }
}
