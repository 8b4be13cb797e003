package dev.gyre.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** {@code gyre server} run in-process on another thread, stopped the way Ctrl-C stops it. */
final class BackgroundServer implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("serving at (http://\\S+) ");

    private final LatchStopSignal stop = new LatchStopSignal();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> exitCode;

    BackgroundServer(Map<String, String> environment, Path userHome, String... options) throws InterruptedException {
        CommandLine cli = GyreCli.create(new CliContext(environment, userHome, "tester", stop));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] args = new String[options.length + 1];
        args[0] = "server";
        System.arraycopy(options, 0, args, 1, options.length);
        exitCode = CompletableFuture.supplyAsync(() -> cli.execute(args));
        if (!stop.awaitServing(60)) {
            throw new IllegalStateException("server did not start; stderr: " + err);
        }
    }

    /** What the server printed so far. */
    String out() {
        return out.toString();
    }

    /** The base URL the server announced. */
    String url() {
        Matcher m = URL.matcher(out.toString());
        if (!m.find()) {
            throw new IllegalStateException("no URL in: " + out);
        }
        return m.group(1);
    }

    /** Stops the server like Ctrl-C and returns the command's exit code. */
    int stop() throws Exception {
        if (!stop.stopAndAwaitRelease(30)) {
            throw new IllegalStateException("server did not release its resources within 30 s");
        }
        return exitCode.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!exitCode.isDone()) {
            try {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping the server", e);
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the server", e);
            }
        }
    }
}
