package dev.gyre.cli;

import dev.gyre.core.error.GyreException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one clear line on stderr ({@code gyre: <message>}) and exit code 1; the stack
 * trace only with {@code --verbose}. Usage errors are picocli's (message, usage, exit code 2).
 */
public final class OneLineErrors implements IExecutionExceptionHandler {

    static final int EXIT_FAILURE = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult fullParseResult) {
        PrintWriter err = commandLine.getErr();
        err.println("gyre: " + message(ex));
        if (verbose(fullParseResult)) {
            ex.printStackTrace(err);
        } else if (!(ex instanceof GyreException)) {
            err.println("gyre: (run again with --verbose for the stack trace)");
        }
        err.flush();
        return EXIT_FAILURE;
    }

    static String message(Throwable ex) {
        if (ex instanceof GyreException) {
            return ex.getMessage();
        }
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? "" : ": " + root.getMessage();
        return "unexpected " + root.getClass().getSimpleName() + detail;
    }

    private static boolean verbose(ParseResult result) {
        for (ParseResult level = result; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
