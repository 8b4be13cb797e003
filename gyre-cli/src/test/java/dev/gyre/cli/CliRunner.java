package dev.gyre.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs the {@code gyre} command in-process with a given environment, capturing stdout and stderr. */
final class CliRunner {

    /** What one invocation did. */
    record Result(int exitCode, String out, String err) {}

    private final CliContext context;

    CliRunner(Map<String, String> environment, Path userHome, StopSignal stopSignal) {
        this.context = new CliContext(environment, userHome, "tester", stopSignal);
    }

    CliRunner(Map<String, String> environment, Path userHome) {
        this(environment, userHome, new LatchStopSignal());
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GyreCli.create(context);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
