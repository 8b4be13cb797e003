package dev.gyre.cli.list;

import dev.gyre.cli.CliContext;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.AliasChange;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.server.api.AliasHandlers;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gyre models promote NAME VERSION --reason TEXT}: moves an alias ({@code champion} unless told otherwise) to a
 * version and records who did it and why. A version whose {@code gyre.gate} tag says {@code failed} is refused
 * unless {@code --force}; a forced promotion says so in the recorded reason, so the history shows it.
 */
@Command(
        name = "promote",
        mixinStandardHelpOptions = true,
        description = "Point an alias (default: champion) at a model version, recording who and why. Refuses a"
                + " version whose gyre.gate tag is 'failed' unless --force.")
final class PromoteModelCommand implements Callable<Integer> {

    /** Appended to the reason of a promotion forced past a failed gate. */
    static final String FORCED_NOTE = " [forced past a failed gate]";

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "NAME", description = "The registered model.")
    String name;

    @Parameters(index = "1", paramLabel = "VERSION", description = "The version to promote, e.g. 3 (or v3).")
    String version;

    @Option(
            names = "--alias",
            paramLabel = "ALIAS",
            defaultValue = AliasHandlers.DEFAULT_ALIAS,
            description = "The alias to move (default ${DEFAULT-VALUE}).")
    String alias;

    @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why (recorded in the history).")
    String reason;

    @Option(names = "--actor", paramLabel = "NAME", description = "Who promotes (default: the OS user).")
    String actor;

    @Option(names = "--force", description = "Promote even a version whose gyre.gate tag is 'failed'.")
    boolean force;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    PromoteModelCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        long number = versionNumber();
        if (reason.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--reason must not be blank: say why the alias moves.");
        }
        String who = actor == null ? context.userName() : actor;
        if (who.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--actor must not be blank.");
        }
        AliasChange change;
        try (ModelRegistryClient registry = client.openRegistry(context)) {
            ModelVersion target = registry.getVersion(name, number);
            boolean failedGate = ModelTags.failedGate(target);
            if (failedGate && !force) {
                throw GyreException.invalid("Refusing to promote " + name + " v" + number + ": its gate failed (tag "
                        + ModelTags.GATE + "=" + ModelTags.GATE_FAILED + "). Pass --force to promote it anyway.");
            }
            change = registry.promote(name, alias, number, who, failedGate ? reason + FORCED_NOTE : reason);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (client.json()) {
            ModelJson json = new ModelJson();
            out.println(json.pretty(json.promotion(change)));
        } else {
            out.println(change.alias() + ": " + ModelTags.movement(change) + " (by " + change.actor() + ": "
                    + change.reason() + ")");
        }
        out.flush();
        return 0;
    }

    /** {@code 3} or {@code v3}, a positive integer. */
    private long versionNumber() {
        String digits = version.startsWith("v") || version.startsWith("V") ? version.substring(1) : version;
        try {
            long n = Long.parseLong(digits);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // described below
        }
        throw new ParameterException(
                spec.commandLine(), "VERSION must be a positive integer such as 3 or v3, got '" + version + "'");
    }
}
