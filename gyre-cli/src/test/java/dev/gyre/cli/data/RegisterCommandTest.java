package dev.gyre.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.cli.CliContext;
import dev.gyre.core.tracking.DatasetInput;
import dev.gyre.core.tracking.Run;
import dev.gyre.core.tracking.Tag;
import dev.gyre.server.TestServer;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.TrackingStore;
import dev.gyre.store.sql.SqlMetadataStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gyre data register / list / versions} on a local H2 file store and against a server on loopback. */
class RegisterCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliContext context;
    private String store;

    @BeforeEach
    void setUp() {
        context = TestContexts.local(dir.resolve("home"));
        store = "h2:" + dir.resolve("db").resolve("gyre");
    }

    private CommandRun register(String... args) {
        return CommandRun.run(new RegisterCommand(context), args);
    }

    private CommandRun list(String... args) {
        return CommandRun.run(new DatasetsListCommand(context), args);
    }

    private CommandRun versions(String... args) {
        return CommandRun.run(new DatasetVersionsCommand(context), args);
    }

    private Path csv(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void listingsPageWithMaxResultsAndPageToken() throws Exception {
        Path file = dir.resolve("n.csv");
        for (int rows = 1; rows <= 3; rows++) {
            Files.writeString(file, "n\n" + "1\n".repeat(rows));
            assertThat(register("numbers", file.toString(), "--backend-store-uri", store)
                            .exitCode())
                    .isZero();
        }
        assertThat(register("other", file.toString(), "--backend-store-uri", store)
                        .exitCode())
                .isZero();

        CommandRun first = versions("numbers", "--max-results", "2", "--backend-store-uri", store);
        assertThat(first.exitCode()).as(first::err).isZero();
        assertThat(first.out()).containsPattern("(?m)^3 +3 +1 ").containsPattern("(?m)^2 +2 +1 ");
        String token = first.out()
                .lines()
                .filter(l -> l.startsWith("More: --page-token "))
                .findFirst()
                .orElseThrow()
                .substring("More: --page-token ".length());
        CommandRun second = versions("numbers", "--page-token", token, "--backend-store-uri", store);
        assertThat(second.out()).containsPattern("(?m)^1 +1 +1 ").doesNotContain("More:");

        CommandRun names = list("--max-results", "1", "--backend-store-uri", store);
        assertThat(names.out()).contains("numbers").doesNotContain("other").contains("More: --page-token ");
    }

    @Test
    void registersLocallyAndReportsNewThenUnchanged() throws Exception {
        Path file = csv("iris.csv", "sepal,species\n5.1,setosa\n4.9,setosa\n6.3,virginica\n");

        CommandRun registerRun = register("iris", file.toString(), "--backend-store-uri", store, "--description", "v1");
        assertThat(registerRun.exitCode()).as(registerRun::err).isZero();
        assertThat(registerRun.out())
                .startsWith("iris version 1 (new)\n")
                .containsPattern("(?m)^  rows     3$")
                .containsPattern("(?m)^  columns  2$")
                .containsPattern("(?m)^  digest   sha256:[0-9a-f]{64}$")
                .contains("  source   " + file);

        registerRun = register("iris", file.toString(), "--backend-store-uri", store);
        assertThat(registerRun.exitCode()).isZero();
        assertThat(registerRun.out()).startsWith("iris version 1 (unchanged)\n");

        Files.writeString(file, "sepal,species\n5.1,setosa\n");
        registerRun = register("iris", file.toString(), "--backend-store-uri", store, "--json");
        assertThat(registerRun.exitCode()).isZero();
        JsonNode json = JSON.readTree(registerRun.out());
        assertThat(json.get("created").asBoolean()).isTrue();
        assertThat(json.get("dataset_version").get("version").asLong()).isEqualTo(2);
        assertThat(json.get("dataset_version").get("row_count").asLong()).isEqualTo(1);
        assertThat(json.get("dataset_version").get("schema")).hasSize(2);

        CommandRun listRun = list("--backend-store-uri", store);
        assertThat(listRun.exitCode()).isZero();
        assertThat(listRun.out()).containsPattern("(?m)^iris +2 +2 +\\d{4}-");
        CommandRun versionsRun = versions("iris", "--backend-store-uri", store);
        assertThat(versionsRun.exitCode()).isZero();
        assertThat(versionsRun.out())
                .containsPattern("(?m)^2 +1 +2 +sha256:[0-9a-f]{16} ")
                .containsPattern("(?m)^1 +3 +2 +sha256:[0-9a-f]{16} .* v1$");
        versionsRun = versions("iris", "--backend-store-uri", store, "--json");
        assertThat(versionsRun.exitCode()).isZero();
        assertThat(JSON.readTree(versionsRun.out()).get("dataset_versions")).hasSize(2);
    }

    @Test
    void aBadFileFailsInOneLineAndRegistersNothing() throws Exception {
        StringBuilder text = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 30_000; i++) {
            text.append(i).append(",x,").append(i).append('\n');
        }
        text.append("1,2,3,4\n");
        Path ragged = csv("ragged.csv", text.toString());

        CommandRun registerRun = register("ragged", ragged.toString(), "--backend-store-uri", store);
        assertThat(registerRun.exitCode()).isEqualTo(1);
        assertThat(registerRun.err())
                .startsWith("gyre: cannot read csv " + ragged + ": CSV Error on Line: 30002")
                .hasLineCount(1);

        CommandRun listRun = list("--backend-store-uri", store);
        assertThat(listRun.exitCode()).isZero();
        assertThat(listRun.out()).isEqualTo("No registered datasets.\n");
        CommandRun versionsRun = versions("ragged", "--backend-store-uri", store);
        assertThat(versionsRun.exitCode()).isEqualTo(1);
        assertThat(versionsRun.err()).isEqualTo("gyre: Dataset 'ragged' not found\n");
    }

    @Test
    void refusesAContextWithoutARunAndListingAMissingStore() throws Exception {
        Path file = csv("a.csv", "x\n1\n");
        CommandRun registerRun = register("a", file.toString(), "--backend-store-uri", store, "--context", "training");
        assertThat(registerRun.exitCode()).isEqualTo(1);
        assertThat(registerRun.err()).isEqualTo("gyre: --context needs --run-id\n");
        CommandRun listRun = list("--backend-store-uri", store);
        assertThat(listRun.exitCode()).isEqualTo(1);
        assertThat(listRun.err()).startsWith("gyre: No local Gyre store at ");
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

        CommandRun registerRun = register(
                "train", file.toString(), "--backend-store-uri", store, "--run-id", runId, "--context", "training");
        assertThat(registerRun.exitCode()).as(registerRun::err).isZero();
        assertThat(registerRun.out()).contains("  run      " + runId + " (training)");

        try (MetadataStores stores = SqlMetadataStores.open(store, "mlflow-artifacts:/")) {
            Run run = stores.tracking().getRun(runId);
            String digest = stores.datasets().getLatestVersion("train").digest();
            assertThat(run.inputs()).hasSize(1);
            DatasetInput input = run.inputs().getFirst();
            assertThat(input.dataset().name()).isEqualTo("train");
            assertThat(input.dataset().digest()).isEqualTo(digest.substring(7, 7 + 16));
            assertThat(input.tags()).containsExactly(new Tag("mlflow.data.context", "training"));
        }
        registerRun = register("other", file.toString(), "--backend-store-uri", store, "--run-id", "feedbeef");
        assertThat(registerRun.exitCode()).isEqualTo(1);
        assertThat(registerRun.err()).startsWith("gyre: Run with id=feedbeef not found");
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

            CommandRun registerRun = register("remote", file.toString(), "--tracking-uri", uri, "--run-id", runId);
            assertThat(registerRun.exitCode()).as(registerRun::err).isZero();
            assertThat(registerRun.out()).startsWith("remote version 1 (new)\n").containsPattern("(?m)^  rows     2$");
            registerRun = register("remote", file.toString(), "--tracking-uri", uri);
            assertThat(registerRun.exitCode()).isZero();
            assertThat(registerRun.out()).startsWith("remote version 1 (unchanged)\n");

            CommandRun listRun = list("--tracking-uri", uri, "--json");
            assertThat(listRun.exitCode()).isZero();
            JsonNode listed = JSON.readTree(listRun.out()).get("datasets");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("name").asText()).isEqualTo("remote");
            CommandRun versionsRun = versions("remote", "--tracking-uri", uri);
            assertThat(versionsRun.exitCode()).isZero();
            assertThat(versionsRun.out()).containsPattern("(?m)^1 +2 +2 +sha256:");
            assertThat(server.stores().tracking().getRun(runId).inputs()).hasSize(1);

            versionsRun = versions("absent", "--tracking-uri", uri);
            assertThat(versionsRun.exitCode()).isEqualTo(1);
            assertThat(versionsRun.err()).isEqualTo("gyre: Dataset 'absent' not found\n");
            registerRun = register("bad;name", file.toString(), "--tracking-uri", uri);
            assertThat(registerRun.exitCode()).isEqualTo(1);
            assertThat(registerRun.err()).startsWith("gyre: Invalid dataset name: 'bad;name'");
        }
    }
}
