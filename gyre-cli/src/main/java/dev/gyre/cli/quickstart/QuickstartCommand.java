package dev.gyre.cli.quickstart;

import dev.gyre.cli.CliContext;
import dev.gyre.cli.EmbeddedGyre;
import dev.gyre.cli.GyreVersion;
import dev.gyre.cli.client.TrackingClient;
import dev.gyre.core.config.ConfigOverrides;
import dev.gyre.core.config.GyreConfig;
import dev.gyre.train.run.TrainingEnvironment;
import dev.gyre.train.run.TrainingJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gyre quickstart}: starts Gyre on its embedded store, walks the data stage over HTTP like any client
 * (register, infer a schema, validate later data, compare for drift), then the modeling stage in process on the
 * server's stores (a project file trained, evaluated, gated, packaged, registered and promoted), prints what it did
 * and where to look, and stops (or keeps serving).
 */
@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        description = {
            "Start Gyre on its embedded store; register the first 70% of the breast-cancer sample as dataset "
                    + "'breast-cancer', infer its schema, validate the remaining rows against it and compare them "
                    + "for drift (HTML report); write a project file (gyre.yaml) and tune and train it like `gyre "
                    + "tune`: a brief random search (child runs), then XGBoost beside majority and linear baselines, evaluated on held-out rows against the "
                    + "project's targets, recorded as an MLflow run with the model package and an HTML report; "
                    + "when the gate passes, register the model as 'breast-cancer' and promote it to 'champion'; "
                    + "print a summary.",
            "Running it again adds new runs and a new model version."
        })
public final class QuickstartCommand implements Callable<Integer> {

    @Option(names = "--home", paramLabel = "DIR", description = "Gyre home to use (GYRE_HOME, default ~/.gyre).")
    Path home;

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "Port to serve on (GYRE_PORT, default 5000 with --serve; a free port without it).")
    String port;

    @Option(names = "--serve", description = "Keep serving after the quickstart until Ctrl-C.")
    boolean serve;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    public QuickstartCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        String effectivePort = port != null || serve ? port : "0";
        GyreConfig config = context.config(new ConfigOverrides(home, null, null, effectivePort, null, null, null));
        PrintWriter out = spec.commandLine().getOut();
        EmbeddedGyre gyre = EmbeddedGyre.start(config);
        try {
            TrackingClient client = TrackingClient.connect(gyre.baseUrl());
            QuickstartDataStage dataStage = new QuickstartDataStage(client);
            QuickstartDataStage.Outcome data =
                    dataStage.run(BreastCancerData.load().parse(), config.home().resolve("quickstart"));
            TrainingEnvironment environment = new TrainingEnvironment(
                    gyre.stores().tracking(),
                    gyre.stores().registry(),
                    gyre.stores().datasets(),
                    gyre.artifacts(),
                    context.userName(),
                    Clock.systemUTC(),
                    GyreVersion.current());
            QuickstartModelStage.Outcome outcome = new QuickstartModelStage(environment)
                    .run(data.version(), config.home().resolve("quickstart"), TrainingJob.Listener.NONE);
            QuickstartReport report = new QuickstartReport(out);
            report.printData(data);
            report.print(outcome, config, gyre.baseUrl(), serve);
            if (serve) {
                out.println("Serving at " + gyre.baseUrl() + "; Ctrl-C stops it.");
                out.flush();
                context.stopSignal().awaitStop();
            }
        } finally {
            gyre.close();
            if (serve) {
                context.stopSignal().stopped();
            }
        }
        return 0;
    }
}
