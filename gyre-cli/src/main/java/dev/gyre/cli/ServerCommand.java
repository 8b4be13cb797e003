package dev.gyre.cli;

import dev.gyre.core.config.GyreConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gyre server}: serves MLflow's REST API, the artifact proxy and the ops endpoints until stopped. */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = {
            "Start the tracking server and model registry (MLflow REST API, artifact proxy, "
                    + "/health, /ready, /metrics) and serve until SIGTERM or Ctrl-C."
        })
public final class ServerCommand implements Callable<Integer> {

    @Mixin
    ServerOptions options;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    public ServerCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        GyreConfig config = context.config(options.overrides(null));
        PrintWriter out = spec.commandLine().getOut();
        try (EmbeddedGyre gyre = EmbeddedGyre.start(config)) {
            out.println("Gyre " + GyreVersion.current() + " serving at " + gyre.baseUrl() + " (store "
                    + EmbeddedGyre.redact(config.backendStoreUri()) + ", artifacts " + config.artifactsDestination()
                    + "); Ctrl-C stops it.");
            out.flush();
            context.stopSignal().awaitStop();
        } finally {
            context.stopSignal().stopped();
        }
        out.println("Gyre stopped.");
        out.flush();
        return 0;
    }
}
