package dev.gyre.cli.list;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.cli.CliContext;
import dev.gyre.cli.client.MlflowJson;
import dev.gyre.cli.output.Formats;
import dev.gyre.cli.output.PagingOptions;
import dev.gyre.cli.output.Table;
import dev.gyre.core.page.Page;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.registry.RegisteredModel;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gyre models}: groups the model-registry commands. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Inspect the model registry and promote versions.")
public final class ModelsCommand {

    /** The group with its subcommands. */
    public static CommandLine tree(CliContext context) {
        return new CommandLine(new ModelsCommand())
                .addSubcommand(new ListModels(context))
                .addSubcommand(new ShowModelCommand(context))
                .addSubcommand(new PromoteModelCommand(context));
    }

    /** {@code gyre models list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List registered models with their latest version and aliases.")
    static final class ListModels implements Callable<Integer> {

        @Mixin
        ClientOptions client;

        @Option(names = "--filter", paramLabel = "FILTER", description = "MLflow filter, e.g. \"name LIKE 'breast%'\".")
        String filter;

        @Mixin
        PagingOptions paging = new PagingOptions();

        @Spec
        CommandSpec spec;

        private final CliContext context;

        ListModels(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Page<RegisteredModel> page;
            try (TrackingQueries queries = client.open(context)) {
                page = queries.searchRegisteredModels(
                        filter, List.of("name ASC"), paging.maxResults(), paging.pageToken());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (client.json()) {
                MlflowJson json = new MlflowJson();
                ObjectNode root = json.object();
                ArrayNode items = root.putArray("registered_models");
                page.items().forEach(m -> items.add(json.write(m)));
                page.nextPageToken().ifPresent(t -> root.put("next_page_token", t));
                out.println(json.pretty(root));
            } else if (page.items().isEmpty()) {
                out.println("No registered models.");
            } else {
                Table table = new Table("NAME", "LATEST VERSION", "ALIASES", "UPDATED", "DESCRIPTION");
                for (RegisteredModel m : page.items()) {
                    String latest = m.latestVersions().stream()
                            .map(ModelVersion::version)
                            .max(Comparator.naturalOrder())
                            .map(String::valueOf)
                            .orElse(null);
                    String aliases = m.aliases().stream()
                            .map(a -> a.alias() + "=v" + a.version())
                            .collect(Collectors.joining(", "));
                    table.row(m.name(), latest, aliases, Formats.time(m.lastUpdatedTimestamp()), m.description());
                }
                table.print(out, "");
                PagingOptions.printNextPage(out, page);
            }
            out.flush();
            return 0;
        }
    }
}
