package dev.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.core.registry.AliasChange;
import dev.gyre.core.tracking.Tag;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.sql.SqlMetadataStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gyre models promote} and {@code gyre models show} on the embedded H2 store and against a real server on
 * loopback ({@code gyre server} in-process over the same store), which must print the same thing.
 */
class ModelPromotionCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Map<String, String> env;
    private CliRunner cli;

    /**
     * {@code churn} as the training job leaves it: v1 and v2 passed their gates, v3 failed, {@code challenger} on v2.
     */
    @BeforeEach
    void seed() {
        Path home = temp.resolve("home");
        env = Map.of("GYRE_HOME", home.toString());
        cli = new CliRunner(env, temp);
        try (MetadataStores stores = SqlMetadataStores.open("h2:" + home.resolve("db/gyre"), "mlflow-artifacts:/")) {
            var registry = stores.registry();
            registry.createRegisteredModel("churn", List.of(), "Predicts churn");
            for (String gate : List.of("passed", "passed", "failed")) {
                registry.createModelVersion(
                        "churn",
                        "mlflow-artifacts:/1/run" + gate + "/artifacts/model",
                        "run-" + gate,
                        List.of(new Tag("gyre.gate", gate), new Tag("gyre.task", "binary_classification")),
                        null,
                        null);
            }
            registry.setRegisteredModelAlias("churn", "challenger", 2);
        }
    }

    private String champion() {
        try (MetadataStores stores =
                SqlMetadataStores.open("h2:" + temp.resolve("home/db/gyre"), "mlflow-artifacts:/")) {
            return stores.registry().getModelVersionByAlias("churn", "champion").version() + "";
        }
    }

    private List<AliasChange> history() {
        try (MetadataStores stores =
                SqlMetadataStores.open("h2:" + temp.resolve("home/db/gyre"), "mlflow-artifacts:/")) {
            return stores.registry()
                    .searchAliasHistory("churn", null, 100, null)
                    .items();
        }
    }

    @Test
    void promotesOnTheEmbeddedStoreAndRecordsWhoAndWhy() {
        CliRunner.Result first = cli.run("models", "promote", "churn", "1", "--reason", "first release");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("champion: none -> v1 (by tester: first release)\n");

        CliRunner.Result second =
                cli.run("models", "promote", "churn", "v2", "--reason", "better AUC", "--actor", "alice");
        assertThat(second.out()).isEqualTo("champion: v1 -> v2 (by alice: better AUC)\n");

        CliRunner.Result staging =
                cli.run("models", "promote", "churn", "1", "--alias", "rollback", "--reason", "keep v1 at hand");
        assertThat(staging.out()).isEqualTo("rollback: none -> v1 (by tester: keep v1 at hand)\n");

        assertThat(champion()).isEqualTo("2");
        assertThat(history())
                .extracting(AliasChange::alias, AliasChange::version, AliasChange::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("rollback", 1L, "tester"),
                        org.assertj.core.groups.Tuple.tuple("champion", 2L, "alice"),
                        org.assertj.core.groups.Tuple.tuple("champion", 1L, "tester"),
                        org.assertj.core.groups.Tuple.tuple("challenger", 2L, null));
    }

    @Test
    void refusesAFailedGateUnlessForcedAndSaysSoInTheHistory() {
        cli.run("models", "promote", "churn", "2", "--reason", "baseline");

        CliRunner.Result refused = cli.run("models", "promote", "churn", "3", "--reason", "looks fine");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err())
                .isEqualTo("gyre: Refusing to promote churn v3: its gate failed (tag gyre.gate=failed). Pass --force"
                        + " to promote it anyway.\n");
        assertThat(champion()).isEqualTo("2");
        assertThat(history()).hasSize(2);

        CliRunner.Result forced =
                cli.run("models", "promote", "churn", "3", "--reason", "hotfix", "--actor", "bob", "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).isEqualTo("champion: v2 -> v3 (by bob: hotfix [forced past a failed gate])\n");
        assertThat(champion()).isEqualTo("3");
        assertThat(history().getFirst().reason()).isEqualTo("hotfix [forced past a failed gate]");
    }

    @Test
    void refusesBadInputClearly() {
        CliRunner.Result noReason = cli.run("models", "promote", "churn", "1");
        assertThat(noReason.exitCode()).isEqualTo(2);
        assertThat(noReason.err()).contains("Missing required option: '--reason=TEXT'");

        CliRunner.Result blank = cli.run("models", "promote", "churn", "1", "--reason", "  ");
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.err()).contains("--reason must not be blank: say why the alias moves.");

        CliRunner.Result badVersion = cli.run("models", "promote", "churn", "x1", "--reason", "r");
        assertThat(badVersion.exitCode()).isEqualTo(2);
        assertThat(badVersion.err()).contains("VERSION must be a positive integer such as 3 or v3, got 'x1'");

        CliRunner.Result badHistory = cli.run("models", "show", "churn", "--history", "0");
        assertThat(badHistory.exitCode()).isEqualTo(2);
        assertThat(badHistory.err()).contains("--history must be between 1 and 1000, got 0");

        CliRunner.Result unknownVersion = cli.run("models", "promote", "churn", "9", "--reason", "r");
        assertThat(unknownVersion.exitCode()).isEqualTo(1);
        assertThat(unknownVersion.err()).isEqualTo("gyre: Model Version (name=churn, version=9) not found\n");

        CliRunner.Result badAlias = cli.run("models", "promote", "churn", "1", "--reason", "r", "--alias", "latest");
        assertThat(badAlias.exitCode()).isEqualTo(1);
        assertThat(badAlias.err()).isEqualTo("gyre: 'latest' alias name (case insensitive) is reserved.\n");

        CliRunner.Result unknownModel = cli.run("models", "show", "nope");
        assertThat(unknownModel.exitCode()).isEqualTo(1);
        assertThat(unknownModel.err()).isEqualTo("gyre: Registered Model with name=nope not found\n");
        assertThat(history()).hasSize(1);
    }

    @Test
    void showsVersionsWithGateAndTaskThenTheAliasHistory() {
        cli.run("models", "promote", "churn", "2", "--reason", "better AUC", "--actor", "alice");

        CliRunner.Result shown = cli.run("models", "show", "churn");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        List<String> lines = shown.out().lines().toList();
        assertThat(lines.subList(0, 3))
                .containsExactly(
                        "Model:       churn", "Description: Predicts churn", "Aliases:     challenger=v2, champion=v2");
        assertThat(shown.out())
                .containsPattern("VERSION +STATUS +STAGE +GATE +TASK +ALIASES +RUN ID +CREATED +SOURCE")
                .containsPattern("v3 +READY +None +failed +binary_classification +- +run-failed ")
                .containsPattern("v2 +READY +None +passed +binary_classification +challenger, champion +run-passed ")
                .contains("Alias history (newest first):")
                .containsPattern("champion +none -> v2 +alice +better AUC")
                .containsPattern("challenger +none -> v2 +- +-");
        assertThat(shown.out().indexOf("v3 ")).isLessThan(shown.out().indexOf("v1 "));

        JsonNode json = readJson(cli.run("models", "show", "churn", "--json"));
        assertThat(json.at("/registered_model/name").asText()).isEqualTo("churn");
        assertThat(json.get("model_versions"))
                .extracting(v -> v.get("version").asText())
                .containsExactly("3", "2", "1");
        assertThat(json.at("/model_versions/0/tags"))
                .extracting(t -> t.get("key").asText() + "=" + t.get("value").asText())
                .containsExactly("gyre.gate=failed", "gyre.task=binary_classification");
        assertThat(json.get("alias_changes"))
                .extracting(c -> c.get("alias").asText() + ":" + c.path("actor").asText("-"))
                .containsExactly("champion:alice", "challenger:-");

        JsonNode promoted = readJson(cli.run("models", "promote", "churn", "1", "--reason", "rollback", "--json"));
        assertThat(promoted.at("/alias_change/previous_version").asText()).isEqualTo("2");
        assertThat(promoted.at("/alias_change/version").asText()).isEqualTo("1");
        assertThat(promoted.at("/alias_change/actor").asText()).isEqualTo("tester");
    }

    @Test
    void aServerGivesTheSameAnswersAsTheEmbeddedStore() throws Exception {
        String viaServer;
        String textViaServer;
        try (BackgroundServer server = new BackgroundServer(env, temp, "--port", "0")) {
            String url = server.url();
            CliRunner.Result promoted = cli.run(
                    "models",
                    "promote",
                    "churn",
                    "2",
                    "--reason",
                    "better AUC",
                    "--actor",
                    "alice",
                    "--tracking-uri",
                    url);
            assertThat(promoted.exitCode()).as(promoted.err()).isZero();
            assertThat(promoted.out()).isEqualTo("champion: none -> v2 (by alice: better AUC)\n");

            CliRunner.Result refused =
                    cli.run("models", "promote", "churn", "3", "--reason", "r", "--tracking-uri", url);
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("Refusing to promote churn v3: its gate failed");

            CliRunner.Result forced =
                    cli.run("models", "promote", "churn", "3", "--reason", "hotfix", "--force", "--tracking-uri", url);
            assertThat(forced.out()).isEqualTo("champion: v2 -> v3 (by tester: hotfix [forced past a failed gate])\n");

            CliRunner.Result unknown =
                    cli.run("models", "promote", "churn", "9", "--reason", "r", "--tracking-uri", url);
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.err()).isEqualTo("gyre: Model Version (name=churn, version=9) not found\n");

            viaServer = cli.run("models", "show", "churn", "--json", "--tracking-uri", url)
                    .out();
            textViaServer =
                    cli.run("models", "show", "churn", "--tracking-uri", url).out();
        }
        String viaStore = cli.run("models", "show", "churn", "--json").out();
        assertThat(JSON.readTree(viaServer).get("alias_changes")).hasSize(3);
        assertThat(viaServer).isEqualTo(viaStore);
        assertThat(textViaServer).isEqualTo(cli.run("models", "show", "churn").out());
    }

    private static JsonNode readJson(CliRunner.Result result) {
        assertThat(result.exitCode()).as(result.err()).isZero();
        try {
            return JSON.readTree(result.out());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + result.out(), e);
        }
    }
}
