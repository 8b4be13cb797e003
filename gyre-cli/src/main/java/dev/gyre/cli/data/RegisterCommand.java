package dev.gyre.cli.data;

import dev.gyre.cli.CliContext;
import dev.gyre.core.data.DatasetRegistration;
import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.error.GyreException;
import dev.gyre.data.register.DatasetJson;
import dev.gyre.data.register.DatasetSchemaJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gyre data register NAME PATH}: records the file or folder as a version of the named dataset (a new
 * version only when its bytes changed) and, with {@code --run-id}, logs that version to the run as an MLflow
 * dataset input. Works on the local store, or on a server with {@code --tracking-uri}, which then reads PATH on
 * its own machine.
 */
@Command(
        name = "register",
        mixinStandardHelpOptions = true,
        description = {
            "Register a dataset file or folder (CSV, Parquet, JSON) as a version of NAME.",
            "Unchanged bytes keep their version; changed bytes get the next one. The data is profiled once, when",
            "a version is created. With --run-id the version is logged to that run (MLflow log-inputs), so the",
            "run shows which data it used. With --tracking-uri the server registers PATH as found on its machine."
        })
public final class RegisterCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Dataset name, e.g. iris or sales/2024.")
    String name;

    @Parameters(index = "1", paramLabel = "PATH", description = "A data file or a folder of data files.")
    Path path;

    @Option(names = "--description", paramLabel = "TEXT", description = "Description of a new version.")
    String description;

    @Option(names = "--run-id", paramLabel = "RUN", description = "Also log the version as an input of this run.")
    String runId;

    @Option(
            names = "--context",
            paramLabel = "ROLE",
            description = "The dataset's role in the run (training, validation, …); needs --run-id.")
    String context;

    @Mixin
    DatasetStoreOptions store = new DatasetStoreOptions();

    @Option(names = "--json", description = "Print JSON (as the server's dataset API returns it) instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final CliContext cli;

    /** Uses this process's environment and home. */
    public RegisterCommand() {
        this(CliContext.fromSystem());
    }

    public RegisterCommand(CliContext context) {
        this.cli = context;
    }

    @Override
    public Integer call() {
        if (context != null && runId == null) {
            throw GyreException.invalid("--context needs --run-id");
        }
        DatasetRegistration registration;
        try (DatasetsBackend backend = store.open(cli, false)) {
            // The server reads the path itself: send it absolute, as the user meant it here.
            Path target = backend instanceof DatasetsBackend.Remote
                    ? path.toAbsolutePath().normalize()
                    : path;
            registration = backend.register(name, target, description, runId, context);
        }
        PrintWriter out = spec.commandLine().getOut();
        DatasetVersion v = registration.version();
        if (json) {
            out.println(DatasetJson.registration(registration).toPrettyString());
        } else {
            out.printf("%s version %d (%s)%n", v.name(), v.version(), registration.created() ? "new" : "unchanged");
            out.printf("  rows     %d%n", v.rowCount());
            out.printf("  columns  %d%n", DatasetSchemaJson.read(v.schema()).size());
            out.printf("  digest   %s%n", v.digest());
            out.printf("  source   %s%n", v.source());
            if (runId != null) {
                out.printf("  run      %s%s%n", runId, context == null ? "" : " (" + context + ")");
            }
        }
        out.flush();
        return 0;
    }
}
