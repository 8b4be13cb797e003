package dev.gyre.cli.list;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.cli.CliContext;
import dev.gyre.cli.client.MlflowJson;
import dev.gyre.cli.output.Formats;
import dev.gyre.cli.output.PagingOptions;
import dev.gyre.cli.output.Table;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.page.Page;
import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Run;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gyre runs}: groups the run commands. */
@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Inspect runs.")
public final class RunsCommand {

    /** At most this many metric columns in the table; {@code --json} has them all. */
    static final int MAX_METRIC_COLUMNS = 4;

    /** The group with its subcommands. */
    public static CommandLine tree(CliContext context) {
        return new CommandLine(new RunsCommand()).addSubcommand(new ListRuns(context));
    }

    /** Exactly one way to name the experiment. */
    static final class ExperimentSelector {
        @Option(names = "--experiment-id", paramLabel = "ID", required = true, description = "Experiment id.")
        String id;

        @Option(names = "--experiment-name", paramLabel = "NAME", required = true, description = "Experiment name.")
        String name;
    }

    /** {@code gyre runs list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the runs of one experiment with their latest metrics.")
    static final class ListRuns implements Callable<Integer> {

        @ArgGroup(exclusive = true, multiplicity = "1")
        ExperimentSelector experiment;

        @Mixin
        ClientOptions client;

        @Option(
                names = "--filter",
                paramLabel = "FILTER",
                description = "MLflow run filter, e.g. \"metrics.val_auc > 0.9 and params.l2 = '0.01'\".")
        String filter;

        @Option(
                names = "--order-by",
                paramLabel = "ORDER",
                split = ",",
                description = "Order, e.g. \"metrics.val_auc DESC\" (default: start_time DESC).")
        List<String> orderBy = List.of("attributes.start_time DESC");

        @Mixin
        PagingOptions paging = new PagingOptions();

        @Spec
        CommandSpec spec;

        private final CliContext context;

        ListRuns(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Page<Run> page;
            try (TrackingQueries queries = client.open(context)) {
                String experimentId = experiment.id != null
                        ? experiment.id
                        : queries.experimentByName(experiment.name)
                                .orElseThrow(() -> GyreException.notFound(
                                        "No experiment named '" + experiment.name + "' at " + queries.source() + "."))
                                .experimentId();
                page = queries.searchRuns(
                        List.of(experimentId), filter, orderBy, paging.maxResults(), paging.pageToken());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (client.json()) {
                MlflowJson json = new MlflowJson();
                ObjectNode root = json.object();
                ArrayNode items = root.putArray("runs");
                page.items().forEach(r -> items.add(json.write(r)));
                page.nextPageToken().ifPresent(t -> root.put("next_page_token", t));
                out.println(json.pretty(root));
            } else if (page.items().isEmpty()) {
                out.println("No runs.");
            } else {
                table(page.items(), orderBy).print(out, "");
                PagingOptions.printNextPage(out, page);
            }
            out.flush();
            return 0;
        }

        /** Whether an order-by clause such as {@code metrics.`test.auc` DESC} names the metric {@code key}. */
        private static boolean namesMetric(String order, String key) {
            String clause = order.strip();
            return clause.startsWith("metrics." + key + " ")
                    || clause.equals("metrics." + key)
                    || clause.startsWith("metrics.`" + key + "`")
                    || clause.startsWith("metrics.\"" + key + "\"");
        }

        /**
         * The metric columns: those the order names first (the ones the reader sorted by), then the rest in name
         * order, at most {@link #MAX_METRIC_COLUMNS}.
         */
        private static Table table(List<Run> runs, List<String> orderBy) {
            TreeSet<String> metricKeys = runs.stream()
                    .flatMap(r -> r.data().metrics().stream())
                    .map(Metric::key)
                    .collect(Collectors.toCollection(TreeSet::new));
            java.util.LinkedHashSet<String> ordered = new java.util.LinkedHashSet<>();
            for (String order : orderBy) {
                metricKeys.stream().filter(key -> namesMetric(order, key)).forEach(ordered::add);
            }
            ordered.addAll(metricKeys);
            List<String> shown = ordered.stream().limit(MAX_METRIC_COLUMNS).toList();
            List<String> headers = new ArrayList<>(List.of("RUN ID", "NAME", "STATUS", "STARTED", "DURATION"));
            headers.addAll(shown);
            Table table = new Table(headers);
            for (Run run : runs) {
                Map<String, Double> latest = run.data().metrics().stream()
                        .collect(Collectors.toMap(Metric::key, Metric::value, (a, b) -> b));
                List<Object> cells = new ArrayList<>(List.of(
                        run.info().runId(),
                        nullToDash(run.info().runName()),
                        run.info().status().name(),
                        Formats.time(run.info().startTime()),
                        Formats.duration(run.info().startTime(), run.info().endTime())));
                for (String key : shown) {
                    Double value = latest.get(key);
                    cells.add(value == null ? "-" : Formats.metric(value));
                }
                table.row(cells);
            }
            return table;
        }

        private static String nullToDash(String s) {
            return s == null ? "-" : s;
        }
    }
}
