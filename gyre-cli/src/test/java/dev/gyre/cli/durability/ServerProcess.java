package dev.gyre.cli.durability;

import dev.gyre.server.testing.RestClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code gyre server} running as a real child JVM over an embedded H2 file store, so a test can SIGKILL it the way
 * an OOM killer or a pulled plug would, then start it again on the same files. Not thread-safe; one per server
 * lifetime.
 */
public final class ServerProcess implements AutoCloseable {
    /** Exit status the JDK reports for a process ended by SIGKILL on Linux: 128 + 9. */
    static final int SIGKILL_EXIT = 137;

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;
    private final RestClient client;
    private final int port;

    private ServerProcess(Process process, Path log, RestClient client, int port) {
        this.process = process;
        this.log = log;
        this.client = client;
        this.port = port;
    }

    /**
     * Starts {@code dev.gyre.cli.Main server} on a free loopback port over {@code dir/db} and {@code dir/art}, and
     * returns once {@code /ready} answers 200. Retries on another port if the chosen one was taken meanwhile.
     */
    public static ServerProcess start(Path dir, String name) throws IOException, InterruptedException {
        AssertionError last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freePort();
            Path log = dir.resolve(name + "-" + attempt + ".log");
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-Xmx512m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.gyre.cli.Main",
                    "server",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--backend-store-uri",
                    "h2:" + dir.resolve("db").resolve("gyre"),
                    "--artifacts-destination",
                    dir.resolve("art").toString());
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("GYRE_HOME", dir.resolve("home").toString());
            Process process = builder.start();
            ServerProcess server = new ServerProcess(process, log, new RestClient("http://127.0.0.1:" + port), port);
            try {
                server.awaitReady();
                return server;
            } catch (AssertionError e) {
                server.close();
                last = e;
                if (!server.logText().contains("in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /** The loopback port the server listens on. */
    public int port() {
        return port;
    }

    RestClient client() {
        return client;
    }

    /** SIGKILLs the server (no shutdown hooks run) and returns its exit status once it is gone. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not die within 30 s of SIGKILL");
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops a server still running (graceful first, then SIGKILL); used for clean-up after a test. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "the server exited with " + process.exitValue() + " before it was ready:\n" + tail());
            }
            try {
                int status = client.status("/ready");
                if (status == 200) {
                    return;
                }
                lastProblem = "/ready answered " + status;
            } catch (IOException notListeningYet) {
                lastProblem = notListeningYet.toString();
            }
            Thread.sleep(50); // polling interval, bounded by the deadline above
        }
        throw new AssertionError(
                "the server was not ready within " + READY_TIMEOUT + " (" + lastProblem + "):\n" + tail());
    }

    String tail() {
        String text = logText();
        return text.length() <= 4000 ? text : "…" + text.substring(text.length() - 4000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
