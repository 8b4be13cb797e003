package dev.gyre.cli.data;

import dev.gyre.cli.CliContext;
import dev.gyre.cli.output.Formats;
import dev.gyre.cli.output.PagingOptions;
import dev.gyre.cli.output.Table;
import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.page.Page;
import dev.gyre.data.register.DatasetJson;
import dev.gyre.data.register.DatasetSchemaJson;
import dev.gyre.data.register.MlflowDatasets;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gyre data versions NAME}: the versions of one dataset, newest first. */
@Command(
        name = "versions",
        mixinStandardHelpOptions = true,
        description = {
            "List the versions of a registered dataset, newest first.",
            "The table shows the first 16 hex digits of each digest (as MLflow shows it); --json has it in full."
        })
public final class DatasetVersionsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Dataset name.")
    String name;

    @Mixin
    PagingOptions paging = new PagingOptions();

    @Mixin
    DatasetStoreOptions store = new DatasetStoreOptions();

    @Option(names = "--json", description = "Print JSON (as the server's dataset API returns it) instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    public DatasetVersionsCommand() {
        this(CliContext.fromSystem());
    }

    public DatasetVersionsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Page<DatasetVersion> page;
        try (DatasetsBackend backend = store.open(context, true)) {
            page = backend.listVersions(name, paging.maxResults(), paging.pageToken());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(DatasetJson.page(page, "dataset_versions").toPrettyString());
        } else {
            Table table = new Table("VERSION", "ROWS", "COLUMNS", "DIGEST", "CREATED", "DESCRIPTION");
            for (DatasetVersion v : page.items()) {
                table.row(
                        v.version(),
                        v.rowCount(),
                        DatasetSchemaJson.read(v.schema()).size(),
                        shortDigest(v.digest()),
                        Formats.time(v.creationTime()),
                        v.description());
            }
            table.print(out, "");
            PagingOptions.printNextPage(out, page);
        }
        out.flush();
        return 0;
    }

    /** The digest cut to what MLflow shows for the version, since a table cell cannot hold all 64 hex digits. */
    private static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return digest.substring(0, colon + 1) + MlflowDatasets.mlflowDigest(digest);
    }
}
