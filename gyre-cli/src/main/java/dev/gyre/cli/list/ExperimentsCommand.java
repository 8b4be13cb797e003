package dev.gyre.cli.list;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.cli.CliContext;
import dev.gyre.cli.client.MlflowJson;
import dev.gyre.cli.output.Formats;
import dev.gyre.cli.output.PagingOptions;
import dev.gyre.cli.output.Table;
import dev.gyre.core.page.Page;
import dev.gyre.core.tracking.Experiment;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gyre experiments}: groups the experiment commands. */
@Command(
        name = "experiments",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Inspect experiments.")
public final class ExperimentsCommand {

    /** The group with its subcommands. */
    public static CommandLine tree(CliContext context) {
        return new CommandLine(new ExperimentsCommand()).addSubcommand(new ListExperiments(context));
    }

    /** {@code gyre experiments list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List active experiments, newest first.")
    static final class ListExperiments implements Callable<Integer> {

        @Mixin
        ClientOptions client;

        @Option(
                names = "--filter",
                paramLabel = "FILTER",
                description = "MLflow experiment filter, e.g. \"name LIKE 'quick%'\".")
        String filter;

        @Option(
                names = "--order-by",
                paramLabel = "ORDER",
                split = ",",
                description = "Order, e.g. \"name ASC\" (default: creation_time DESC).")
        List<String> orderBy = List.of("creation_time DESC");

        @Mixin
        PagingOptions paging = new PagingOptions();

        @Spec
        CommandSpec spec;

        private final CliContext context;

        ListExperiments(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Page<Experiment> page;
            try (TrackingQueries queries = client.open(context)) {
                page = queries.searchExperiments(filter, orderBy, paging.maxResults(), paging.pageToken());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (client.json()) {
                MlflowJson json = new MlflowJson();
                ObjectNode root = json.object();
                ArrayNode items = root.putArray("experiments");
                page.items().forEach(e -> items.add(json.write(e)));
                page.nextPageToken().ifPresent(t -> root.put("next_page_token", t));
                out.println(json.pretty(root));
            } else if (page.items().isEmpty()) {
                out.println("No experiments.");
            } else {
                Table table = new Table("ID", "NAME", "ARTIFACT LOCATION", "CREATED");
                page.items()
                        .forEach(e -> table.row(
                                e.experimentId(), e.name(), e.artifactLocation(), Formats.time(e.creationTime())));
                table.print(out, "");
                PagingOptions.printNextPage(out, page);
            }
            out.flush();
            return 0;
        }
    }
}
