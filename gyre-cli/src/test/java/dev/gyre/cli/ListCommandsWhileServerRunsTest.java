package dev.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.cli.durability.ServerProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's tour runs {@code gyre server} in one terminal and the list commands in another: the embedded store
 * is then locked by the server process, so the commands must ask that server instead of failing.
 */
class ListCommandsWhileServerRunsTest {

    @TempDir
    Path temp;

    @Test
    void listCommandsAskTheServerThatHoldsTheEmbeddedStore() throws Exception {
        try (ServerProcess server = ServerProcess.start(temp, "list-while-running")) {
            Map<String, String> env = Map.of(
                    "GYRE_HOME", temp.resolve("home").toString(),
                    "GYRE_BACKEND_STORE_URI", "h2:" + temp.resolve("db").resolve("gyre"),
                    "GYRE_PORT", Integer.toString(server.port()));

            CliRunner.Result result = new CliRunner(env, temp).run("experiments", "list", "--json");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("\"name\"").contains("Default");
        }
    }

    @Test
    void withoutAServerTheLockedStoreErrorSaysWhatToDo() throws Exception {
        try (ServerProcess server = ServerProcess.start(temp, "list-wrong-port")) {
            Map<String, String> env = Map.of(
                    "GYRE_HOME",
                    temp.resolve("home").toString(),
                    "GYRE_BACKEND_STORE_URI",
                    "h2:" + temp.resolve("db").resolve("gyre"),
                    "GYRE_PORT",
                    "1");

            CliRunner.Result result = new CliRunner(env, temp).run("experiments", "list");

            assertThat(server.port()).isNotEqualTo(1);
            assertThat(result.exitCode()).isNotZero();
            assertThat(result.err()).contains("in use by another Gyre process").contains("--tracking-uri");
        }
    }
}
