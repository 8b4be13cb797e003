package dev.gyre.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.cli.CliContext;
import dev.gyre.cli.OneLineErrors;
import dev.gyre.cli.StopSignal;
import dev.gyre.core.tracking.DatasetInput;
import dev.gyre.core.tracking.Run;
import dev.gyre.core.tracking.Tag;
import dev.gyre.server.TestServer;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.TrackingStore;
import dev.gyre.store.sql.SqlMetadataStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gyre data register / list / versions} on a local H2 file store and against a server on loopback. */
class RegisterCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** These commands never wait for a stop. */
    private static final StopSignal NEVER_STOPS = new StopSignal() {
        @Override
        public void awaitStop() {}

        @Override
        public void stopped() {}
    };

    @TempDir
    Path dir;

    private CliContext context;
    private String store;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void setUp() {
        context = new CliContext(Map.of(), dir.resolve("home"), "tester", NEVER_STOPS);
        store = "h2:" + dir.resolve("db").resolve("gyre");
    }

    private int run(Callable<Integer> command, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine line = new CommandLine(command);
        line.setExecutionExceptionHandler(new OneLineErrors());
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        return line.execute(args);
    }

    private int register(String... args) {
        return run(new RegisterCommand(context), args);
    }

    private Path csv(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void registersLocallyAndReportsNewThenUnchanged() throws Exception {
        Path file = csv("iris.csv", "sepal,species\n5.1,setosa\n4.9,setosa\n6.3,virginica\n");

        assertThat(register("iris", file.toString(), "--backend-store-uri", store, "--description", "v1"))
                .as(err::toString)
                .isZero();
        assertThat(out.toString())
                .startsWith("iris version 1 (new)\n")
                .containsPattern("(?m)^  rows     3$")
                .containsPattern("(?m)^  columns  2$")
                .containsPattern("(?m)^  digest   sha256:[0-9a-f]{64}$")
                .contains("  source   " + file);

        assertThat(register("iris", file.toString(), "--backend-store-uri", store))
                .isZero();
        assertThat(out.toString()).startsWith("iris version 1 (unchanged)\n");

        Files.writeString(file, "sepal,species\n5.1,setosa\n");
        assertThat(register("iris", file.toString(), "--backend-store-uri", store, "--json"))
                .isZero();
        JsonNode json = JSON.readTree(out.toString());
        assertThat(json.get("created").asBoolean()).isTrue();
        assertThat(json.get("dataset_version").get("version").asLong()).isEqualTo(2);
        assertThat(json.get("dataset_version").get("row_count").asLong()).isEqualTo(1);
        assertThat(json.get("dataset_version").get("schema")).hasSize(2);

        assertThat(run(new DatasetsListCommand(context), "--backend-store-uri", store))
                .isZero();
        assertThat(out.toString()).containsPattern("(?m)^iris +2 +2 +\\d{4}-");
        assertThat(run(new DatasetVersionsCommand(context), "iris", "--backend-store-uri", store))
                .isZero();
        assertThat(out.toString())
                .containsPattern("(?m)^2 +1 +2 +sha256:[0-9a-f]{16} ")
                .containsPattern("(?m)^1 +3 +2 +sha256:[0-9a-f]{16} .* v1$");
        assertThat(run(new DatasetVersionsCommand(context), "iris", "--backend-store-uri", store, "--json"))
                .isZero();
        assertThat(JSON.readTree(out.toString()).get("dataset_versions")).hasSize(2);
    }

    @Test
    void aBadFileFailsInOneLineAndRegistersNothing() throws Exception {
        StringBuilder text = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 30_000; i++) {
            text.append(i).append(",x,").append(i).append('\n');
        }
        text.append("1,2,3,4\n");
        Path ragged = csv("ragged.csv", text.toString());

        assertThat(register("ragged", ragged.toString(), "--backend-store-uri", store))
                .isEqualTo(1);
        assertThat(err.toString())
                .startsWith("gyre: cannot read csv " + ragged + ": CSV Error on Line: 30002")
                .hasLineCount(1);

        assertThat(run(new DatasetsListCommand(context), "--backend-store-uri", store))
                .isZero();
        assertThat(out.toString()).isEqualTo("No registered datasets.\n");
        assertThat(run(new DatasetVersionsCommand(context), "ragged", "--backend-store-uri", store))
                .isEqualTo(1);
        assertThat(err.toString()).isEqualTo("gyre: Dataset 'ragged' not found\n");
    }

    @Test
    void refusesAContextWithoutARunAndListingAMissingStore() throws Exception {
        Path file = csv("a.csv", "x\n1\n");
        assertThat(register("a", file.toString(), "--backend-store-uri", store, "--context", "training"))
                .isEqualTo(1);
        assertThat(err.toString()).isEqualTo("gyre: --context needs --run-id\n");
        assertThat(run(new DatasetsListCommand(context), "--backend-store-uri", store))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("gyre: No local Gyre store at ");
    }

    @Test
    void linksTheVersionToARunInTheLocalStore() throws Exception {
        String runId;
        try (MetadataStores stores = SqlMetadataStores.open(store, "mlflow-artifacts:/")) {
            runId = stores.tracking()
                    .createRun(TrackingStore.DEFAULT_EXPERIMENT_ID, "tester", 1L, List.of(), "train")
                    .info()
                    .runId();
        }
        Path file = csv("train.csv", "f,y\n1,0\n2,1\n");

        assertThat(register(
                        "train",
                        file.toString(),
                        "--backend-store-uri",
                        store,
                        "--run-id",
                        runId,
                        "--context",
                        "training"))
                .as(err::toString)
                .isZero();
        assertThat(out.toString()).contains("  run      " + runId + " (training)");

        try (MetadataStores stores = SqlMetadataStores.open(store, "mlflow-artifacts:/")) {
            Run run = stores.tracking().getRun(runId);
            String digest = stores.datasets().getLatestVersion("train").digest();
            assertThat(run.inputs()).hasSize(1);
            DatasetInput input = run.inputs().getFirst();
            assertThat(input.dataset().name()).isEqualTo("train");
            assertThat(input.dataset().digest()).isEqualTo(digest.substring(7, 7 + 16));
            assertThat(input.tags()).containsExactly(new Tag("mlflow.data.context", "training"));
        }
        assertThat(register("other", file.toString(), "--backend-store-uri", store, "--run-id", "feedbeef"))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("gyre: Run with id=feedbeef not found");
    }

    @Test
    void registersAndListsThroughAServer() throws Exception {
        try (TestServer server = TestServer.start("h2:mem:register-test-" + UUID.randomUUID())) {
            String runId = server.stores()
                    .tracking()
                    .createRun(TrackingStore.DEFAULT_EXPERIMENT_ID, "tester", 1L, List.of(), "remote")
                    .info()
                    .runId();
            Path file = csv("remote.csv", "x,y\n1,2\n3,4\n");
            String uri = server.baseUrl();

            assertThat(register("remote", file.toString(), "--tracking-uri", uri, "--run-id", runId))
                    .as(err::toString)
                    .isZero();
            assertThat(out.toString()).startsWith("remote version 1 (new)\n").containsPattern("(?m)^  rows     2$");
            assertThat(register("remote", file.toString(), "--tracking-uri", uri))
                    .isZero();
            assertThat(out.toString()).startsWith("remote version 1 (unchanged)\n");

            assertThat(run(new DatasetsListCommand(context), "--tracking-uri", uri, "--json"))
                    .isZero();
            JsonNode listed = JSON.readTree(out.toString()).get("datasets");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("name").asText()).isEqualTo("remote");
            assertThat(run(new DatasetVersionsCommand(context), "remote", "--tracking-uri", uri))
                    .isZero();
            assertThat(out.toString()).containsPattern("(?m)^1 +2 +2 +sha256:");
            assertThat(server.stores().tracking().getRun(runId).inputs()).hasSize(1);

            assertThat(run(new DatasetVersionsCommand(context), "absent", "--tracking-uri", uri))
                    .isEqualTo(1);
            assertThat(err.toString()).isEqualTo("gyre: Dataset 'absent' not found\n");
            assertThat(register("bad;name", file.toString(), "--tracking-uri", uri))
                    .isEqualTo(1);
            assertThat(err.toString()).startsWith("gyre: Invalid dataset name: 'bad;name'");
        }
    }
}
