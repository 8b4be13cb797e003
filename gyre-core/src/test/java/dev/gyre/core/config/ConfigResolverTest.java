package dev.gyre.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {

    @TempDir
    Path temp;

    private Path userHome() {
        return temp.resolve("user");
    }

    private GyreConfig resolve(Map<String, String> env, ConfigOverrides flags) {
        return new ConfigResolver(env, userHome()).resolve(flags);
    }

    private static ConfigOverrides flags(String host, String port, String backend, String artifacts, String tracking) {
        return new ConfigOverrides(null, null, host, port, backend, artifacts, tracking);
    }

    @Test
    void defaultsLiveUnderDotGyreInTheUsersHome() {
        GyreConfig config = resolve(Map.of(), ConfigOverrides.none());

        Path home = userHome().resolve(".gyre");
        assertThat(config)
                .isEqualTo(new GyreConfig(
                        home,
                        "127.0.0.1",
                        5000,
                        "h2:" + home.resolve("db/gyre"),
                        home.resolve("artifacts"),
                        Optional.empty(),
                        Optional.empty()));
    }

    @Test
    void gyreHomeMovesTheDefaults() {
        Path home = temp.resolve("elsewhere");

        GyreConfig config = resolve(Map.of("GYRE_HOME", home.toString()), ConfigOverrides.none());

        assertThat(config.home()).isEqualTo(home);
        assertThat(config.backendStoreUri())
                .isEqualTo("h2:" + home.resolve("db").resolve("gyre"));
        assertThat(config.artifactsDestination()).isEqualTo(home.resolve("artifacts"));
    }

    @Test
    void homeFlagBeatsTheEnvironment() {
        Path flagHome = temp.resolve("flag-home");

        GyreConfig config = resolve(
                Map.of("GYRE_HOME", temp.resolve("env-home").toString()),
                new ConfigOverrides(flagHome, null, null, null, null, null, null));

        assertThat(config.home()).isEqualTo(flagHome);
    }

    @Test
    void theFileInTheHomeIsReadWhenPresent() throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        Files.writeString(home.resolve("gyre.properties"), """
                server.host = 0.0.0.0
                server.port = 6000
                store.backend-uri = postgresql://gyre:secret@db:5432/gyre
                store.artifacts-destination = /srv/artifacts
                tracking.uri = http://tracking:5000
                """);

        GyreConfig config = resolve(Map.of("GYRE_HOME", home.toString()), ConfigOverrides.none());

        assertThat(config)
                .isEqualTo(new GyreConfig(
                        home,
                        "0.0.0.0",
                        6000,
                        "postgresql://gyre:secret@db:5432/gyre",
                        Path.of("/srv/artifacts"),
                        Optional.of("http://tracking:5000"),
                        Optional.of(home.resolve("gyre.properties"))));
    }

    @Test
    void environmentBeatsTheFileAndFlagsBeatTheEnvironment() throws IOException {
        Path file = Files.writeString(temp.resolve("custom.properties"), """
                server.host = file-host
                server.port = 6000
                store.backend-uri = h2:/file/db
                """);
        Map<String, String> env =
                Map.of("GYRE_PORT", "7000", "GYRE_BACKEND_STORE_URI", "h2:/env/db", "GYRE_HOST", "env-host");

        GyreConfig fromEnv = resolve(env, new ConfigOverrides(null, file, null, null, null, null, null));
        GyreConfig fromFlags = resolve(env, new ConfigOverrides(null, file, "flag-host", "8000", null, null, null));

        assertThat(fromEnv.host()).isEqualTo("env-host");
        assertThat(fromEnv.port()).isEqualTo(7000);
        assertThat(fromEnv.backendStoreUri()).isEqualTo("h2:/env/db");
        assertThat(fromEnv.configFile()).contains(file);
        assertThat(fromFlags.host()).isEqualTo("flag-host");
        assertThat(fromFlags.port()).isEqualTo(8000);
        assertThat(fromFlags.backendStoreUri()).isEqualTo("h2:/env/db");
    }

    @Test
    void fileBeatsDefaults() throws IOException {
        Path file = Files.writeString(temp.resolve("custom.properties"), "server.port=6001\n");

        GyreConfig config = resolve(Map.of(), new ConfigOverrides(null, file, null, null, null, null, null));

        assertThat(config.port()).isEqualTo(6001);
        assertThat(config.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void gyreTrackingUriBeatsMlflowTrackingUri() {
        assertThat(resolve(Map.of("MLFLOW_TRACKING_URI", "http://mlflow:5000"), ConfigOverrides.none())
                        .trackingUri())
                .contains("http://mlflow:5000");
        assertThat(resolve(
                                Map.of(
                                        "MLFLOW_TRACKING_URI",
                                        "http://mlflow:5000",
                                        "GYRE_TRACKING_URI",
                                        "http://gyre:5000"),
                                ConfigOverrides.none())
                        .trackingUri())
                .contains("http://gyre:5000");
        assertThat(resolve(
                                Map.of("GYRE_TRACKING_URI", "http://gyre:5000"),
                                flags(null, null, null, null, "http://flag:1"))
                        .trackingUri())
                .contains("http://flag:1");
    }

    @Test
    void emptyEnvironmentVariablesCountAsUnset() {
        GyreConfig config = resolve(Map.of("GYRE_PORT", "", "GYRE_HOME", " "), ConfigOverrides.none());

        assertThat(config.port()).isEqualTo(5000);
        assertThat(config.home()).isEqualTo(userHome().resolve(".gyre"));
    }

    @Test
    void tildeMeansTheUsersHome() {
        GyreConfig config = resolve(Map.of("GYRE_HOME", "~/gyre-data"), flags(null, null, null, "~/art", null));

        assertThat(config.home()).isEqualTo(userHome().resolve("gyre-data"));
        assertThat(config.artifactsDestination()).isEqualTo(userHome().resolve("art"));
    }

    @Test
    void aPortThatIsNotANumberNamesItsSource() {
        assertInvalid(
                () -> resolve(Map.of("GYRE_PORT", "abc"), ConfigOverrides.none()),
                "Invalid port 'abc' from GYRE_PORT: not a number.");
        assertInvalid(
                () -> resolve(Map.of(), flags(null, "50o0", null, null, null)),
                "Invalid port '50o0' from --port: not a number.");
    }

    @Test
    void aPortOutOfRangeNamesItsSource() throws IOException {
        Path file = Files.writeString(temp.resolve("c.properties"), "server.port=70000\n");

        assertInvalid(
                () -> resolve(Map.of(), new ConfigOverrides(null, file, null, null, null, null, null)),
                "Invalid port 70000 from server.port in " + file
                        + ": must be between 0 and 65535 (0 picks a free port).");
        assertInvalid(
                () -> resolve(Map.of("GYRE_PORT", "-1"), ConfigOverrides.none()),
                "Invalid port -1 from GYRE_PORT: must be between 0 and 65535 (0 picks a free port).");
    }

    @Test
    void anUnknownKeyInTheFileIsNamedWithTheKnownOnes() throws IOException {
        Path file = Files.writeString(temp.resolve("c.properties"), "server.prot=5001\n");

        assertInvalid(
                () -> resolve(Map.of(), new ConfigOverrides(null, file, null, null, null, null, null)),
                "Unknown key 'server.prot' in config file " + file + ". Known keys: server.host, server.port, "
                        + "store.backend-uri, store.artifacts-destination, tracking.uri, server.data-roots.");
    }

    @Test
    void aMissingConfigFlagFileIsAnError() {
        Path missing = temp.resolve("missing.properties");

        assertInvalid(
                () -> resolve(Map.of(), new ConfigOverrides(null, missing, null, null, null, null, null)),
                "Config file " + missing + " (from --config) does not exist.");
    }

    @Test
    void blankValuesInTheFileAreErrors() throws IOException {
        Path file = Files.writeString(temp.resolve("c.properties"), "server.host=\n");

        assertInvalid(
                () -> resolve(Map.of(), new ConfigOverrides(null, file, null, null, null, null, null)),
                "Empty value for server.host in " + file + ".");
    }

    @Test
    void noDataRootsByDefault() {
        assertThat(resolve(Map.of(), ConfigOverrides.none()).dataRoots()).isEmpty();
    }

    @Test
    void dataRootsComeFromRepeatedFlagsThenTheEnvironmentThenTheFile() throws IOException {
        String sep = File.pathSeparator;
        Path file = Files.writeString(temp.resolve("c.properties"), "server.data-roots = /file/a" + sep + "~/file-b\n");
        Map<String, String> env = Map.of("GYRE_DATA_ROOTS", "/env/a" + sep + " relative/b ");

        GyreConfig fromFile = resolve(Map.of(), new ConfigOverrides(null, file, null, null, null, null, null));
        GyreConfig fromEnv = resolve(env, new ConfigOverrides(null, file, null, null, null, null, null));
        GyreConfig fromFlags = resolve(
                env, new ConfigOverrides(null, file, null, null, null, null, null, List.of("/flag/a", "/flag/b/../c")));

        assertThat(fromFile.dataRoots())
                .containsExactly(Path.of("/file/a"), userHome().resolve("file-b"));
        assertThat(fromEnv.dataRoots())
                .containsExactly(Path.of("/env/a"), Path.of("relative/b").toAbsolutePath());
        assertThat(fromFlags.dataRoots()).containsExactly(Path.of("/flag/a"), Path.of("/flag/c"));
    }

    @Test
    void anEmptyDataRootIsAnErrorNotTheWorkingDirectory() {
        String sep = File.pathSeparator;
        assertInvalid(
                () -> resolve(Map.of("GYRE_DATA_ROOTS", "/a" + sep + sep + "/b"), ConfigOverrides.none()),
                "Empty folder in the data roots from GYRE_DATA_ROOTS ('/a" + sep + sep + "/b'): separate folders with '"
                        + sep + "'.");
        assertInvalid(
                () -> resolve(Map.of(), new ConfigOverrides(null, null, null, null, null, null, null, List.of(" "))),
                "Empty value for --data-root.");
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(GyreException.class)
                .hasMessage(message)
                .extracting(e -> ((GyreException) e).code())
                .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }
}
