package dev.gyre.store;

import static dev.gyre.store.StoreAssertions.assertFails;
import static dev.gyre.store.StoreAssertions.assertInvalid;
import static dev.gyre.store.StoreAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.page.Page;
import dev.gyre.core.registry.AliasChange;
import dev.gyre.core.registry.ModelAlias;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.registry.ModelVersionStatus;
import dev.gyre.core.registry.RegisteredModel;
import dev.gyre.core.registry.Stage;
import dev.gyre.core.tracking.Tag;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@link ModelRegistryStore} contract: models, versions, stages, aliases and their history, tags and search. */
public abstract class ModelRegistryStoreContract extends StoreContractSupport {
    private ModelRegistryStore registry;

    @BeforeAll
    void bindStore() {
        registry = stores.registry();
    }

    private String newModel() {
        String name = unique("model");
        registry.createRegisteredModel(name, List.of(), null);
        return name;
    }

    private ModelVersion newVersion(String name) {
        return registry.createModelVersion(
                name, "mlflow-artifacts:/1/abc/artifacts/model", "abc", List.of(), null, null);
    }

    @Test
    void createsAndReadsRegisteredModels() {
        String name = unique("model");
        RegisteredModel created = registry.createRegisteredModel(name, List.of(new Tag("team", "ml")), "first");
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.description()).isEqualTo("first");
        assertThat(created.tags()).containsExactly(new Tag("team", "ml"));
        assertThat(created.latestVersions()).isEmpty();
        assertThat(created.aliases()).isEmpty();
        assertThat(created.creationTimestamp()).isPositive().isEqualTo(created.lastUpdatedTimestamp());
        assertThat(registry.getRegisteredModel(name)).isEqualTo(created);

        assertFails(
                () -> registry.createRegisteredModel(name, List.of(), null),
                ErrorCode.RESOURCE_ALREADY_EXISTS,
                "Registered Model (name=" + name + ") already exists.");
        assertInvalid(
                () -> registry.createRegisteredModel("", List.of(), null), "Registered model name cannot be empty.");
        assertNotFound(
                () -> registry.getRegisteredModel("missing-model"),
                "Registered Model with name=missing-model not found");
    }

    @Test
    void updatesAndDeletesRegisteredModels() {
        String name = newModel();
        RegisteredModel updated = registry.updateRegisteredModel(name, "new description");
        assertThat(updated.description()).isEqualTo("new description");
        newVersion(name);
        registry.deleteRegisteredModel(name);
        assertNotFound(() -> registry.getRegisteredModel(name), "not found");
        assertNotFound(
                () -> registry.getModelVersion(name, 1), "Model Version (name=" + name + ", version=1) not found");
        assertNotFound(() -> registry.deleteRegisteredModel(name), "not found");
    }

    @Test
    void numbersVersionsAndNeverReusesNumbers() {
        String name = newModel();
        ModelVersion v1 = registry.createModelVersion(
                name, "s3://b/m1", "run1", List.of(new Tag("k", "v")), "http://link", "v1 description");
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.currentStage()).isEqualTo(Stage.NONE);
        assertThat(v1.status()).isEqualTo(ModelVersionStatus.READY);
        assertThat(v1.source()).isEqualTo("s3://b/m1");
        assertThat(v1.runId()).isEqualTo("run1");
        assertThat(v1.runLink()).isEqualTo("http://link");
        assertThat(v1.description()).isEqualTo("v1 description");
        assertThat(v1.tags()).containsExactly(new Tag("k", "v"));
        assertThat(registry.getModelVersion(name, 1)).isEqualTo(v1);
        assertThat(newVersion(name).version()).isEqualTo(2);
        assertThat(newVersion(name).version()).isEqualTo(3);
        registry.deleteModelVersion(name, 3);
        assertThat(newVersion(name).version()).isEqualTo(4);
        assertNotFound(
                () -> registry.getModelVersion(name, 3), "Model Version (name=" + name + ", version=3) not found");
        assertNotFound(() -> newVersion("missing-model"), "Registered Model with name=missing-model not found");
        assertThat(registry.getModelVersionDownloadUri(name, 1)).isEqualTo("s3://b/m1");

        ModelVersion described = registry.updateModelVersion(name, 2, "better");
        assertThat(described.description()).isEqualTo("better");
        assertThat(described.lastUpdatedTimestamp()).isGreaterThanOrEqualTo(described.creationTimestamp());
    }

    @Test
    void setsAndDeletesTags() {
        String name = newModel();
        newVersion(name);
        registry.setRegisteredModelTag(name, new Tag("a", "1"));
        registry.setRegisteredModelTag(name, new Tag("a", "2"));
        registry.setModelVersionTag(name, 1, new Tag("b", "1"));
        assertThat(registry.getRegisteredModel(name).tags()).containsExactly(new Tag("a", "2"));
        assertThat(registry.getModelVersion(name, 1).tags()).containsExactly(new Tag("b", "1"));
        registry.deleteRegisteredModelTag(name, "a");
        registry.deleteModelVersionTag(name, 1, "b");
        assertThat(registry.getRegisteredModel(name).tags()).isEmpty();
        assertThat(registry.getModelVersion(name, 1).tags()).isEmpty();

        assertInvalid(
                () -> registry.setRegisteredModelTag(name, new Tag("k", "v".repeat(5001))), "Registered model value");
        assertInvalid(() -> registry.setModelVersionTag(name, 1, new Tag("k", null)), "Tag value cannot be None");
        assertInvalid(() -> registry.setModelVersionTag(name, 1, new Tag("bad*key", "v")), "Invalid tag name");
        assertNotFound(() -> registry.setModelVersionTag(name, 9, new Tag("k", "v")), "version=9) not found");
    }

    @Test
    void aliasesMoveAndDisappearWithTheirVersion() {
        String name = newModel();
        newVersion(name);
        newVersion(name);
        registry.setRegisteredModelAlias(name, "champion", 1);
        assertThat(registry.getModelVersionByAlias(name, "champion").version()).isEqualTo(1);
        assertThat(registry.getModelVersion(name, 1).aliases()).containsExactly("champion");

        registry.setRegisteredModelAlias(name, "champion", 2);
        registry.setRegisteredModelAlias(name, "challenger", 2);
        assertThat(registry.getModelVersionByAlias(name, "champion").version()).isEqualTo(2);
        assertThat(registry.getModelVersion(name, 1).aliases()).isEmpty();
        assertThat(registry.getModelVersion(name, 2).aliases()).containsExactly("challenger", "champion");
        assertThat(registry.getRegisteredModel(name).aliases())
                .containsExactly(new ModelAlias("challenger", 2), new ModelAlias("champion", 2));

        registry.deleteRegisteredModelAlias(name, "challenger");
        assertInvalid(
                () -> registry.getModelVersionByAlias(name, "challenger"),
                "Registered model alias challenger not found.");
        registry.deleteModelVersion(name, 2);
        assertInvalid(
                () -> registry.getModelVersionByAlias(name, "champion"), "Registered model alias champion not found.");
        assertThat(registry.getRegisteredModel(name).aliases()).isEmpty();

        assertNotFound(() -> registry.setRegisteredModelAlias(name, "x", 7), "version=7) not found");
        assertInvalid(
                () -> registry.setRegisteredModelAlias(name, "latest", 1),
                "'latest' alias name (case insensitive) is reserved.");
        assertInvalid(() -> registry.setRegisteredModelAlias(name, "v3", 1), "Version alias name 'v3' is reserved.");
        assertInvalid(
                () -> registry.setRegisteredModelAlias(name, "bad alias", 1),
                "Invalid alias name: 'bad alias'. Names may only contain alphanumerics, underscores (_), and dashes (-).");
    }

    @Test
    void transitionsStagesAndReportsLatestVersions() {
        String name = newModel();
        for (int i = 0; i < 4; i++) {
            newVersion(name);
        }
        registry.transitionModelVersionStage(name, 1, Stage.PRODUCTION, false);
        registry.transitionModelVersionStage(name, 2, Stage.STAGING, false);
        ModelVersion v3 = registry.transitionModelVersionStage(name, 3, Stage.PRODUCTION, true);
        assertThat(v3.currentStage()).isEqualTo(Stage.PRODUCTION);
        assertThat(registry.getModelVersion(name, 1).currentStage()).isEqualTo(Stage.ARCHIVED);
        assertThat(registry.getModelVersion(name, 2).currentStage()).isEqualTo(Stage.STAGING);

        assertThat(registry.getLatestVersions(name, List.of(Stage.PRODUCTION)))
                .extracting(ModelVersion::version)
                .containsExactly(3L);
        assertThat(registry.getLatestVersions(name, List.of()))
                .extracting(ModelVersion::currentStage, ModelVersion::version)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Stage.NONE, 4L),
                        org.assertj.core.groups.Tuple.tuple(Stage.STAGING, 2L),
                        org.assertj.core.groups.Tuple.tuple(Stage.PRODUCTION, 3L),
                        org.assertj.core.groups.Tuple.tuple(Stage.ARCHIVED, 1L));
        assertThat(registry.getRegisteredModel(name).latestVersions())
                .extracting(ModelVersion::version)
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertInvalid(
                () -> registry.transitionModelVersionStage(name, 4, Stage.ARCHIVED, true),
                "Model version transition cannot archive existing model versions because 'Archived' is not an"
                        + " Active stage. Valid stages are ['Staging', 'Production']");
        assertNotFound(() -> registry.getLatestVersions("missing-model", List.of()), "not found");
    }

    @Test
    void renameCascadesToVersionsTagsAndAliases() {
        String name = newModel();
        registry.setRegisteredModelTag(name, new Tag("t", "1"));
        newVersion(name);
        registry.setModelVersionTag(name, 1, new Tag("vt", "1"));
        registry.setRegisteredModelAlias(name, "prod", 1);

        String renamed = unique("renamed");
        RegisteredModel model = registry.renameRegisteredModel(name, renamed);
        assertThat(model.name()).isEqualTo(renamed);
        assertThat(model.tags()).containsExactly(new Tag("t", "1"));
        assertThat(model.aliases()).containsExactly(new ModelAlias("prod", 1));
        ModelVersion v1 = registry.getModelVersion(renamed, 1);
        assertThat(v1.name()).isEqualTo(renamed);
        assertThat(v1.tags()).containsExactly(new Tag("vt", "1"));
        assertThat(registry.getModelVersionByAlias(renamed, "prod").version()).isEqualTo(1);
        assertNotFound(() -> registry.getRegisteredModel(name), "not found");
        assertThat(newVersion(renamed).version()).isEqualTo(2);

        String other = newModel();
        assertFails(
                () -> registry.renameRegisteredModel(renamed, other),
                ErrorCode.RESOURCE_ALREADY_EXISTS,
                "Registered Model (name=" + other + ") already exists.");
    }

    @Test
    void searchesRegisteredModels() {
        String prefix = unique("rm");
        for (int i = 0; i < 5; i++) {
            registry.createRegisteredModel(prefix + "-" + i, List.of(new Tag("kind", i < 2 ? "tree" : "net")), null);
        }
        String like = "name LIKE '" + prefix + "%'";
        assertThat(registry.searchRegisteredModels(like, 100, null, null).items())
                .extracting(RegisteredModel::name)
                .containsExactly(prefix + "-0", prefix + "-1", prefix + "-2", prefix + "-3", prefix + "-4");
        assertThat(registry.searchRegisteredModels(like + " AND tags.kind = 'tree'", 100, List.of("name DESC"), null)
                        .items())
                .extracting(RegisteredModel::name)
                .containsExactly(prefix + "-1", prefix + "-0");
        assertThat(registry.searchRegisteredModels("name ILIKE '" + prefix.toUpperCase() + "-3'", 100, null, null)
                        .items())
                .extracting(RegisteredModel::name)
                .containsExactly(prefix + "-3");
        assertThat(registry.searchRegisteredModels("name = '" + prefix + "-4'", 100, null, null)
                        .items())
                .hasSize(1);
        assertThat(registry.searchRegisteredModels(like, 100, List.of("creation_timestamp DESC"), null)
                        .items())
                .hasSize(5);

        List<String> names = new ArrayList<>();
        String token = null;
        do {
            Page<RegisteredModel> p = registry.searchRegisteredModels(like, 2, List.of("name ASC"), token);
            p.items().forEach(m -> names.add(m.name()));
            token = p.nextPageToken().orElse(null);
        } while (token != null);
        assertThat(names).hasSize(5).isSorted();

        assertInvalid(
                () -> registry.searchRegisteredModels(null, 1001, null, null),
                "Invalid value for request parameter max_results. It must be at most 1000, but got value 1001");
        assertInvalid(
                () -> registry.searchRegisteredModels("run_id = 'x'", 10, null, null),
                "Invalid attribute key 'run_id' specified");
        assertInvalid(
                () -> registry.searchRegisteredModels(null, 10, List.of("foo"), null),
                "Invalid attribute key 'foo' specified");
        assertInvalid(() -> registry.searchRegisteredModels(null, 10, null, "garbage"), "Invalid page token");
    }

    @Test
    void searchesModelVersions() {
        String a = unique("mva");
        String b = unique("mvb");
        registry.createRegisteredModel(a, List.of(), null);
        registry.createRegisteredModel(b, List.of(), null);
        registry.createModelVersion(a, "s3://bucket/a/1", "run1", List.of(new Tag("q", "good")), null, null);
        registry.createModelVersion(a, "s3://bucket/a/2", "run2", List.of(), null, null);
        registry.createModelVersion(b, "gs://other/b/1", "run1", List.of(new Tag("q", "bad")), null, null);

        String both = "name LIKE '" + a + "' ";
        assertThat(registry.searchModelVersions("name = '" + a + "'", 100, null, null)
                        .items())
                .extracting(ModelVersion::version)
                .containsExactly(2L, 1L);
        assertThat(registry.searchModelVersions("run_id = 'run1' AND name LIKE 'mv%'", 100, null, null)
                        .items())
                .extracting(ModelVersion::name)
                .contains(a, b);
        assertThat(registry.searchModelVersions(
                                "run_id IN ('run1', 'run2') AND " + both, 100, List.of("version_number ASC"), null)
                        .items())
                .extracting(ModelVersion::version)
                .containsExactly(1L, 2L);
        assertThat(registry.searchModelVersions("source_path LIKE 'gs://%' AND name = '" + b + "'", 100, null, null)
                        .items())
                .extracting(ModelVersion::name)
                .containsExactly(b);
        assertThat(registry.searchModelVersions(both + "AND version_number > 1", 100, null, null)
                        .items())
                .extracting(ModelVersion::version)
                .containsExactly(2L);
        assertThat(registry.searchModelVersions(both + "AND tags.q = 'good'", 100, null, null)
                        .items())
                .extracting(ModelVersion::version)
                .containsExactly(1L);
        Page<ModelVersion> first = registry.searchModelVersions(both, 1, null, null);
        assertThat(first.items()).hasSize(1);
        assertThat(registry.searchModelVersions(
                                both, 1, null, first.nextPageToken().orElseThrow())
                        .items())
                .extracting(ModelVersion::version)
                .containsExactly(1L);

        assertInvalid(() -> registry.searchModelVersions(null, 200_001, null, null), "It must be at most 200000");
        assertInvalid(
                () -> registry.searchModelVersions("source_path IN ('x')", 10, null, null), "Invalid comparator 'IN'");
        assertInvalid(
                () -> registry.searchModelVersions("metrics.x > 1", 10, null, null), "Invalid entity type 'metrics'");
    }

    // ---- alias history

    private List<AliasChange> history(String name, String alias) {
        return registry.searchAliasHistory(name, alias, 1000, null).items();
    }

    @Test
    void moveAliasRecordsWhoWhyAndThePreviousVersion() {
        String name = newModel();
        newVersion(name);
        newVersion(name);
        newVersion(name);
        long before = System.currentTimeMillis();

        AliasChange first = registry.moveAlias(name, "champion", 1, "alice", "first model");
        assertThat(first)
                .isEqualTo(new AliasChange(name, "champion", 1L, null, "alice", "first model", first.timestamp()));
        assertThat(first.timestamp()).isGreaterThanOrEqualTo(before);
        assertThat(first.removed()).isFalse();
        AliasChange second = registry.moveAlias(name, "champion", 3, "bob", "better AUC");
        assertThat(second.previousVersion()).isEqualTo(1L);
        assertThat(second.version()).isEqualTo(3L);
        assertThat(registry.getModelVersionByAlias(name, "champion").version()).isEqualTo(3);
        registry.moveAlias(name, "challenger", 2, null, null);

        assertThat(history(name, "champion")).containsExactly(second, first);
        assertThat(history(name, null))
                .extracting(AliasChange::alias, AliasChange::version, AliasChange::previousVersion, AliasChange::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("challenger", 2L, null, null),
                        org.assertj.core.groups.Tuple.tuple("champion", 3L, 1L, "bob"),
                        org.assertj.core.groups.Tuple.tuple("champion", 1L, null, "alice"));
        assertThat(history(name, "never-set")).isEmpty();

        // Re-confirming the current version is recorded too.
        AliasChange again = registry.moveAlias(name, "champion", 3, "carol", "re-validated");
        assertThat(again.previousVersion()).isEqualTo(3L);
        assertThat(history(name, "champion")).first().isEqualTo(again);
    }

    @Test
    void moveAliasRefusesUnknownModelsVersionsAndBadInputWithoutRecording() {
        String name = newModel();
        newVersion(name);
        assertNotFound(
                () -> registry.moveAlias(name, "champion", 2, "alice", "why"),
                "Model Version (name=" + name + ", version=2) not found");
        assertNotFound(
                () -> registry.moveAlias("missing-model", "champion", 1, "alice", "why"),
                "Registered Model with name=missing-model not found");
        assertInvalid(
                () -> registry.moveAlias(name, "latest", 1, "alice", "why"),
                "'latest' alias name (case insensitive) is reserved.");
        assertInvalid(
                () -> registry.moveAlias(name, "champion", 0, "alice", "why"), "Model version must be an integer");
        assertInvalid(
                () -> registry.moveAlias(name, "champion", 1, "a".repeat(257), "why"),
                "which exceeded length limit of 256");
        assertInvalid(
                () -> registry.moveAlias(name, "champion", 1, "alice", "r".repeat(5001)),
                "which exceeded length limit of 5000");
        assertThat(history(name, null)).isEmpty();
        assertInvalid(() -> registry.getModelVersionByAlias(name, "champion"), "not found");
    }

    @Test
    void mlflowAliasCallsAndVersionDeletionAreRecorded() {
        String name = newModel();
        newVersion(name);
        newVersion(name);
        registry.setRegisteredModelAlias(name, "champion", 1);
        registry.setRegisteredModelAlias(name, "champion", 2);
        registry.setRegisteredModelAlias(name, "challenger", 2);
        registry.deleteRegisteredModelAlias(name, "challenger");
        registry.deleteRegisteredModelAlias(name, "never-set"); // nothing to remove, nothing recorded
        registry.setRegisteredModelAlias(name, "staging", 1);
        registry.deleteModelVersion(name, 2);

        List<AliasChange> all = history(name, null);
        assertThat(all)
                .extracting(
                        AliasChange::alias,
                        AliasChange::version,
                        AliasChange::previousVersion,
                        AliasChange::actor,
                        AliasChange::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("champion", null, 2L, null, "model version 2 was deleted"),
                        org.assertj.core.groups.Tuple.tuple("staging", 1L, null, null, null),
                        org.assertj.core.groups.Tuple.tuple("challenger", null, 2L, null, null),
                        org.assertj.core.groups.Tuple.tuple("challenger", 2L, null, null, null),
                        org.assertj.core.groups.Tuple.tuple("champion", 2L, 1L, null, null),
                        org.assertj.core.groups.Tuple.tuple("champion", 1L, null, null, null));
        assertThat(all.getFirst().removed()).isTrue();
        assertThat(all).extracting(AliasChange::timestamp).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(registry.getRegisteredModel(name).aliases()).containsExactly(new ModelAlias("staging", 1));
    }

    @Test
    void aliasHistoryPagesNewestFirst() {
        String name = newModel();
        for (int i = 0; i < 5; i++) {
            newVersion(name);
        }
        for (long v = 1; v <= 5; v++) {
            registry.moveAlias(name, "champion", v, "ci", "round " + v);
        }
        List<Long> versions = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Page<AliasChange> page = registry.searchAliasHistory(name, "champion", 2, token);
            page.items().forEach(change -> versions.add(change.version()));
            token = page.nextPageToken().orElse(null);
            pages++;
        } while (token != null);
        assertThat(versions).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(pages).isEqualTo(3);

        assertInvalid(
                () -> registry.searchAliasHistory(name, null, 1001, null),
                "Invalid value for request parameter max_results. It must be at most 1000, but got value 1001");
        assertInvalid(() -> registry.searchAliasHistory(name, null, 0, null), "It must be at least 1, but got value 0");
        assertInvalid(() -> registry.searchAliasHistory(name, null, 10, "garbage"), "Invalid page token");
        assertInvalid(() -> registry.searchAliasHistory(name, "bad alias", 10, null), "Invalid alias name");
        assertNotFound(
                () -> registry.searchAliasHistory("missing-model", null, 10, null),
                "Registered Model with name=missing-model not found");
    }

    @Test
    void renamingKeepsTheHistoryAndDeletingTheModelDeletesIt() {
        String name = newModel();
        newVersion(name);
        registry.moveAlias(name, "champion", 1, "alice", "launch");
        String renamed = unique("renamed");
        registry.renameRegisteredModel(name, renamed);

        assertThat(history(renamed, null)).singleElement().satisfies(change -> {
            assertThat(change.name()).isEqualTo(renamed);
            assertThat(change.actor()).isEqualTo("alice");
            assertThat(change.reason()).isEqualTo("launch");
        });
        assertNotFound(() -> registry.searchAliasHistory(name, null, 10, null), "not found");

        registry.deleteRegisteredModel(renamed);
        // A new model under the old name starts with no history.
        registry.createRegisteredModel(renamed, List.of(), null);
        assertThat(history(renamed, null)).isEmpty();
    }
}
