package dev.gyre.cli.data;

import dev.gyre.cli.CliContext;
import dev.gyre.cli.output.Formats;
import dev.gyre.cli.output.PagingOptions;
import dev.gyre.cli.output.Table;
import dev.gyre.core.data.DatasetSummary;
import dev.gyre.core.page.Page;
import dev.gyre.data.register.DatasetJson;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gyre data list}: the registered datasets with their latest version. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List registered datasets with their latest version and number of versions.")
public final class DatasetsListCommand implements Callable<Integer> {

    @Mixin
    PagingOptions paging = new PagingOptions();

    @Mixin
    DatasetStoreOptions store = new DatasetStoreOptions();

    @Option(names = "--json", description = "Print JSON (as the server's dataset API returns it) instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    public DatasetsListCommand() {
        this(CliContext.fromSystem());
    }

    public DatasetsListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Page<DatasetSummary> page;
        try (DatasetsBackend backend = store.open(context, true)) {
            page = backend.listDatasets(paging.maxResults(), paging.pageToken());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(DatasetJson.page(page, "datasets").toPrettyString());
        } else if (page.items().isEmpty()) {
            out.println("No registered datasets.");
        } else {
            Table table = new Table("NAME", "LATEST VERSION", "VERSIONS", "UPDATED");
            for (DatasetSummary s : page.items()) {
                table.row(s.name(), s.latestVersion(), s.versionCount(), Formats.time(s.lastUpdatedTime()));
            }
            table.print(out, "");
            PagingOptions.printNextPage(out, page);
        }
        out.flush();
        return 0;
    }
}
