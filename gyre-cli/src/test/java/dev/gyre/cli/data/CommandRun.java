package dev.gyre.cli.data;

import dev.gyre.cli.OneLineErrors;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One in-process run of a command as the CLI runs it, with the CLI's one-line error handler, so that a failure
 * shows as the line a user would see.
 *
 * @param exitCode what {@link CommandLine#execute} returned
 * @param out what the command wrote to stdout
 * @param err what the command wrote to stderr
 */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(command);
        line.setExecutionExceptionHandler(new OneLineErrors());
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int exitCode = line.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }
}
