package dev.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class GyreCliTest {

    @TempDir
    Path temp;

    private CliRunner cli() {
        return new CliRunner(Map.of("GYRE_HOME", temp.resolve("home").toString()), temp);
    }

    /** Every command path in the tree, e.g. {@code []}, {@code [runs]}, {@code [runs, list]}. */
    static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(
                GyreCli.create(new CliContext(Map.of(), Path.of("/nonexistent"), "x", new LatchStopSignal())),
                new ArrayList<>(),
                paths);
        return paths;
    }

    private static void collect(CommandLine command, List<String> prefix, List<List<String>> paths) {
        paths.add(List.copyOf(prefix));
        command.getSubcommands().forEach((name, sub) -> {
            List<String> next = new ArrayList<>(prefix);
            next.add(name);
            collect(sub, next, paths);
        });
    }

    @Test
    void theTreeHasTheDocumentedCommands() {
        assertThat(commandPaths())
                .contains(
                        List.of("server"),
                        List.of("quickstart"),
                        List.of("experiments", "list"),
                        List.of("runs", "list"),
                        List.of("models", "list"));
    }

    @ParameterizedTest
    @MethodSource("commandPaths")
    void everyCommandHasHelp(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");

        CliRunner.Result result = cli().run(args.toArray(String[]::new));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: gyre" + (path.isEmpty() ? "" : " " + String.join(" ", path)));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void versionComesFromTheBuild() {
        CliRunner.Result result = cli().run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("gyre " + System.getProperty("gyre.expected.version") + "\n");
        assertThat(GyreVersion.current()).isEqualTo(System.getProperty("gyre.expected.version"));
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliRunner.Result result = cli().run("frobnicate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Unmatched argument at index 0: 'frobnicate'");
    }

    @Test
    void aGroupWithoutSubcommandIsAUsageError() {
        CliRunner.Result result = cli().run("runs");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required subcommand");
    }

    @Test
    void runsListNeedsExactlyOneExperimentSelector() {
        assertThat(cli().run("runs", "list").err()).contains("Missing required argument");
        CliRunner.Result both = cli().run("runs", "list", "--experiment-id", "1", "--experiment-name", "x");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void anUnreachableTrackingServerIsOneLineAndExitCodeOne() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CliRunner.Result result = cli().run("experiments", "list", "--tracking-uri", "http://127.0.0.1:" + closedPort);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("gyre: cannot reach tracking server at http://127.0.0.1:" + closedPort);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void theTrackingUriAlsoComesFromMlflowsVariable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRunner runner = new CliRunner(
                Map.of("MLFLOW_TRACKING_URI", "http://127.0.0.1:" + closedPort, "GYRE_HOME", temp.toString()), temp);

        CliRunner.Result result = runner.run("models", "list");

        assertThat(result.err()).startsWith("gyre: cannot reach tracking server at http://127.0.0.1:" + closedPort);
    }

    @Test
    void verbosePrintsTheStackTrace() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CliRunner.Result result =
                cli().run("experiments", "list", "--verbose", "--tracking-uri", "http://127.0.0.1:" + closedPort);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("dev.gyre.core.error.GyreException").contains("\tat ");
    }

    @Test
    void aNonHttpTrackingUriIsRefusedClearly() {
        CliRunner.Result result = cli().run("runs", "list", "--experiment-id", "1", "--tracking-uri", "file:./mlruns");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("gyre: Invalid tracking URI 'file:./mlruns': gyre talks to tracking "
                        + "servers over http:// or https:// only.\n");
    }

    @Test
    void listingWithoutALocalStoreExplainsWhatToDo() {
        CliRunner.Result result = cli().run("experiments", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("gyre: No local Gyre store at " + temp.resolve("home/db/gyre"))
                .contains("gyre quickstart");
    }

    @Test
    void aBadPortIsReportedWithItsSource() {
        CliRunner runner = new CliRunner(Map.of("GYRE_PORT", "fivethousand", "GYRE_HOME", temp.toString()), temp);

        CliRunner.Result result = runner.run("server");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("gyre: Invalid port 'fivethousand' from GYRE_PORT: not a number.\n");
    }
}
