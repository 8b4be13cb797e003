package dev.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.ModelRegistry.RegisteredModel;
import org.mlflow.api.proto.Service.CreateExperiment;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.ExperimentTag;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.ExperimentsPage;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.ModelVersionsPage;
import org.mlflow.tracking.RunsPage;

/**
 * MLflow's own Java client, unchanged, against a real Gyre server: every call the client offers (artifact calls
 * excepted — for {@code mlflow-artifacts:} URIs the client shells out to the Python CLI), plus its raw
 * {@code sendPost}/{@code sendGet}/{@code sendPatch} for the registry writes it has no API for. Subclasses pick
 * the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractMlflowClientSuite {

    private TestServer server;
    private MlflowClient client;

    /** A fresh, empty backend store URI. */
    protected abstract String backendUri();

    @BeforeAll
    void startServer() {
        server = TestServer.start(backendUri());
        client = new MlflowClient(server.baseUrl());
    }

    @AfterAll
    void stopServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- experiments

    @Test
    void experimentLifecycle() {
        String name = unique("exp");
        String id = client.createExperiment(name);

        Experiment experiment = client.getExperiment(id);
        assertThat(experiment.getExperimentId()).isEqualTo(id);
        assertThat(experiment.getName()).isEqualTo(name);
        assertThat(experiment.getLifecycleStage()).isEqualTo("active");
        assertThat(experiment.getArtifactLocation()).isEqualTo("mlflow-artifacts:/" + id);
        assertThat(experiment.getCreationTime()).isPositive();
        assertThat(client.getExperimentByName(name))
                .map(Experiment::getExperimentId)
                .contains(id);
        assertThat(client.getExperimentByName(unique("missing"))).isEmpty();

        String renamed = unique("renamed");
        client.renameExperiment(id, renamed);
        client.setExperimentTag(id, "team", "vision");
        Experiment updated = client.getExperiment(id);
        assertThat(updated.getName()).isEqualTo(renamed);
        assertThat(updated.getTagsList())
                .extracting(ExperimentTag::getKey, ExperimentTag::getValue)
                .contains(tuple("team", "vision"));

        client.deleteExperiment(id);
        assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("deleted");
        String byName = "name = '" + renamed + "'";
        assertThat(client.searchExperiments(byName).getItems()).isEmpty();
        assertThat(client.searchExperiments(byName, ViewType.DELETED_ONLY, 10, List.of())
                        .getItems())
                .extracting(Experiment::getExperimentId)
                .containsExactly(id);

        client.restoreExperiment(id);
        assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("active");
        assertThat(client.searchExperiments(byName).getItems())
                .extracting(Experiment::getName)
                .containsExactly(renamed);
    }

    @Test
    void createExperimentWithLocationAndTags() {
        String name = unique("located");
        String id = client.createExperiment(CreateExperiment.newBuilder()
                .setName(name)
                .setArtifactLocation("s3://bucket/some/where")
                .addTags(ExperimentTag.newBuilder().setKey("owner").setValue("ana"))
                .build());
        Experiment experiment = client.getExperiment(id);
        assertThat(experiment.getArtifactLocation()).isEqualTo("s3://bucket/some/where");
        assertThat(experiment.getTagsList()).extracting(ExperimentTag::getKey).contains("owner");
    }

    @Test
    void duplicateExperimentNameIsRefusedWithMlflowsError() {
        String name = unique("dup");
        client.createExperiment(name);
        assertThatThrownBy(() -> client.createExperiment(name)).isInstanceOfSatisfying(MlflowHttpException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(400);
            assertThat(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS");
        });
    }

    @Test
    void searchExperimentsPagesThroughAllResults() {
        String prefix = unique("page");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add(prefix + "-" + i);
            client.createExperiment(prefix + "-" + i);
        }
        ExperimentsPage page =
                client.searchExperiments("name LIKE '" + prefix + "%'", ViewType.ACTIVE_ONLY, 2, List.of("name ASC"));
        List<String> seen = new ArrayList<>();
        int pages = 1;
        page.getItems().forEach(e -> seen.add(e.getName()));
        assertThat(page.getItems()).hasSize(2);
        while (page.hasNextPage()) {
            String token = page.getNextPageToken().orElseThrow();
            page = client.searchExperiments(
                    "name LIKE '" + prefix + "%'", ViewType.ACTIVE_ONLY, 2, List.of("name ASC"), token);
            page.getItems().forEach(e -> seen.add(e.getName()));
            pages++;
        }
        assertThat(seen).containsExactlyElementsOf(names);
        assertThat(pages).isEqualTo(3);
        assertThat(client.searchExperiments().getItems())
                .extracting(Experiment::getName)
                .contains("Default");
    }

    // ---- runs

    @Test
    void runLifecycleAndLogging() {
        String experimentId = client.createExperiment(unique("runs"));
        RunInfo info = client.createRun(experimentId);
        String runId = info.getRunId();
        assertThat(info.getRunUuid()).isEqualTo(runId);
        assertThat(info.getExperimentId()).isEqualTo(experimentId);
        assertThat(info.getStatus()).isEqualTo(RunStatus.RUNNING);
        assertThat(info.getLifecycleStage()).isEqualTo("active");
        assertThat(info.getArtifactUri()).isEqualTo("mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts");

        client.logParam(runId, "lr", "0.01");
        client.logMetric(runId, "loss", 1.5);
        client.logMetric(runId, "loss", 0.5, 1_700_000_000_000L, 2);
        client.logMetric(runId, "loss", 1.0, 1_700_000_000_000L, 1);
        client.setTag(runId, "phase", "train");
        client.setTag(runId, "doomed", "yes");
        client.deleteTag(runId, "doomed");
        client.logBatch(
                runId,
                List.of(metric("acc", 0.9, 3), metric("acc", 0.95, 4)),
                List.of(Param.newBuilder().setKey("depth").setValue("3").build()),
                List.of(RunTag.newBuilder().setKey("model").setValue("tree").build()));

        Run run = client.getRun(runId);
        Map<String, String> params =
                run.getData().getParamsList().stream().collect(Collectors.toMap(Param::getKey, Param::getValue));
        assertThat(params).containsEntry("lr", "0.01").containsEntry("depth", "3");
        Map<String, String> tags =
                run.getData().getTagsList().stream().collect(Collectors.toMap(RunTag::getKey, RunTag::getValue));
        assertThat(tags)
                .containsEntry("phase", "train")
                .containsEntry("model", "tree")
                .doesNotContainKey("doomed");
        Map<String, Metric> latest =
                run.getData().getMetricsList().stream().collect(Collectors.toMap(Metric::getKey, Function.identity()));
        assertThat(latest.get("acc").getValue()).isEqualTo(0.95);
        assertThat(latest).containsKey("loss");

        List<Metric> history = client.getMetricHistory(runId, "loss");
        assertThat(history).hasSize(3);
        assertThat(history).extracting(Metric::getStep).containsExactly(0L, 1L, 2L);
        assertThat(history).extracting(Metric::getValue).containsExactly(1.5, 1.0, 0.5);

        client.setTerminated(runId);
        RunInfo finished = client.getRun(runId).getInfo();
        assertThat(finished.getStatus()).isEqualTo(RunStatus.FINISHED);
        assertThat(finished.getEndTime()).isPositive();

        client.setTerminated(runId, RunStatus.FAILED, 1_800_000_000_000L);
        RunInfo failed = client.getRun(runId).getInfo();
        assertThat(failed.getStatus()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.getEndTime()).isEqualTo(1_800_000_000_000L);

        client.deleteRun(runId);
        assertThat(client.getRun(runId).getInfo().getLifecycleStage()).isEqualTo("deleted");
        client.restoreRun(runId);
        assertThat(client.getRun(runId).getInfo().getLifecycleStage()).isEqualTo("active");
    }

    @Test
    void createRunVariants() {
        String experimentId = client.createExperiment(unique("variants"));
        RunInfo named = client.createRun(CreateRun.newBuilder()
                .setExperimentId(experimentId)
                .setRunName("my-run")
                .setUserId("alice")
                .setStartTime(1_600_000_000_000L)
                .addTags(RunTag.newBuilder().setKey("src").setValue("test"))
                .build());
        assertThat(named.getRunName()).isEqualTo("my-run");
        assertThat(named.getUserId()).isEqualTo("alice");
        assertThat(named.getStartTime()).isEqualTo(1_600_000_000_000L);
        assertThat(client.getRun(named.getRunId()).getData().getTagsList())
                .extracting(RunTag::getKey, RunTag::getValue)
                .contains(tuple("src", "test"));

        RunInfo inDefault = client.createRun();
        assertThat(inDefault.getExperimentId()).isEqualTo("0");
        assertThat(inDefault.getRunName()).isNotEmpty();

        assertThat(client.listRunInfos(experimentId))
                .extracting(RunInfo::getRunId)
                .containsExactly(named.getRunId());
    }

    @Test
    void nonFiniteMetricValuesRoundTrip() {
        String runId = client.createRun(client.createExperiment(unique("nan"))).getRunId();
        client.logMetric(runId, "nan", Double.NaN);
        client.logMetric(runId, "pos", Double.POSITIVE_INFINITY);
        client.logMetric(runId, "neg", Double.NEGATIVE_INFINITY);
        Map<String, Double> values = client.getRun(runId).getData().getMetricsList().stream()
                .collect(Collectors.toMap(Metric::getKey, Metric::getValue));
        assertThat(values.get("nan")).isNaN();
        assertThat(values.get("pos")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(values.get("neg")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(client.getMetricHistory(runId, "nan")).singleElement().satisfies(m -> assertThat(m.getValue())
                .isNaN());
    }

    @Test
    @SuppressWarnings("deprecation") // the list-returning searchRuns overloads are part of the client's API too
    void searchRunsWithFiltersOrderAndPages() {
        String experimentId = client.createExperiment(unique("search"));
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String runId = client.createRun(experimentId).getRunId();
            runIds.add(runId);
            client.logMetric(runId, "acc", i / 10.0);
            client.logParam(runId, "i", Integer.toString(i));
            client.setTag(runId, "parity", i % 2 == 0 ? "even" : "odd");
        }
        client.setTerminated(runIds.get(4));
        List<String> experiments = List.of(experimentId);

        assertThat(client.searchRuns(experiments, "metrics.acc > 0.25")).hasSize(2);
        assertThat(client.searchRuns(experiments, "params.i = '3'"))
                .extracting(RunInfo::getRunId)
                .containsExactly(runIds.get(3));
        assertThat(client.searchRuns(experiments, "tags.parity = 'even'")).hasSize(3);
        assertThat(client.searchRuns(experiments, "attributes.status = 'FINISHED'"))
                .extracting(RunInfo::getRunId)
                .containsExactly(runIds.get(4));

        client.deleteRun(runIds.getFirst());
        assertThat(client.searchRuns(experiments, "", ViewType.ACTIVE_ONLY)).hasSize(4);
        assertThat(client.searchRuns(experiments, "", ViewType.DELETED_ONLY))
                .extracting(RunInfo::getRunId)
                .containsExactly(runIds.getFirst());
        assertThat(client.searchRuns(experiments, "", ViewType.ALL)).hasSize(5);

        RunsPage page = client.searchRuns(experiments, "", ViewType.ALL, 2, List.of("metrics.acc DESC"));
        List<String> ordered = new ArrayList<>();
        page.getItems().forEach(r -> ordered.add(r.getInfo().getRunId()));
        while (page.hasNextPage()) {
            page = (RunsPage) page.getNextPage();
            page.getItems().forEach(r -> ordered.add(r.getInfo().getRunId()));
        }
        assertThat(ordered).containsExactlyElementsOf(runIds.reversed());

        RunsPage first = client.searchRuns(experiments, "", ViewType.ALL, 3, List.of("metrics.acc ASC"));
        RunsPage second = client.searchRuns(
                experiments,
                "",
                ViewType.ALL,
                3,
                List.of("metrics.acc ASC"),
                first.getNextPageToken().orElseThrow());
        assertThat(second.getItems())
                .extracting(r -> r.getInfo().getRunId())
                .containsExactly(runIds.get(3), runIds.get(4));
        assertThat(second.hasNextPage()).isFalse();
    }

    @Test
    void storeErrorsReachTheClientAsMlflowErrors() {
        assertThatThrownBy(() -> client.getRun("0123456789abcdef0123456789abcdef"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getBodyMessage()).contains("RESOURCE_DOES_NOT_EXIST");
                });
        String runId =
                client.createRun(client.createExperiment(unique("param"))).getRunId();
        client.logParam(runId, "p", "1");
        assertThatThrownBy(() -> client.logParam(runId, "p", "2"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getBodyMessage()).contains("INVALID_PARAMETER_VALUE");
                });
    }

    // ---- registry, through the client's raw calls

    @Test
    void modelRegistryThroughTheClient() throws Exception {
        String experimentId = client.createExperiment(unique("registry"));
        RunInfo run = client.createRun(experimentId);
        String name = unique("model");
        String source = run.getArtifactUri() + "/model";

        client.sendPost(
                "registered-models/create",
                "{\"name\": \"" + name
                        + "\", \"description\": \"first\", \"tags\": [{\"key\": \"k\", \"value\": \"v\"}]}");
        RegisteredModel model = client.getRegisteredModel(name);
        assertThat(model.getName()).isEqualTo(name);
        assertThat(model.getDescription()).isEqualTo("first");

        String created = client.sendPost(
                "model-versions/create",
                "{\"name\": \"" + name + "\", \"source\": \"" + source + "\", \"run_id\": \"" + run.getRunId() + "\"}");
        JsonNode version = HttpJson.mapper().readTree(created).path("model_version");
        assertThat(version.path("version").asText()).isEqualTo("1");
        assertThat(version.path("current_stage").asText()).isEqualTo("None");
        assertThat(version.path("status").asText()).isEqualTo("READY");
        client.sendPost("model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"" + source + "\"}");

        ModelVersion v1 = client.getModelVersion(name, "1");
        assertThat(v1.getSource()).isEqualTo(source);
        assertThat(v1.getRunId()).isEqualTo(run.getRunId());
        assertThat(client.getModelVersionDownloadUri(name, "1")).isEqualTo(source);

        client.sendPost(
                "model-versions/transition-stage",
                "{\"name\": \"" + name
                        + "\", \"version\": \"1\", \"stage\": \"Production\", \"archive_existing_versions\": false}");
        assertThat(client.getLatestVersions(name, List.of("Production")))
                .extracting(ModelVersion::getVersion)
                .containsExactly("1");
        assertThat(client.getLatestVersions(name))
                .extracting(ModelVersion::getVersion)
                .containsExactlyInAnyOrder("1", "2");

        client.sendPatch(
                "model-versions/update",
                "{\"name\": \"" + name + "\", \"version\": \"2\", \"description\": \"second\"}");
        assertThat(client.getModelVersion(name, "2").getDescription()).isEqualTo("second");
        client.sendPatch("registered-models/update", "{\"name\": \"" + name + "\", \"description\": \"updated\"}");
        assertThat(client.getRegisteredModel(name).getDescription()).isEqualTo("updated");

        client.sendPost(
                "registered-models/alias", "{\"name\": \"" + name + "\", \"alias\": \"champion\", \"version\": \"2\"}");
        JsonNode byAlias =
                HttpJson.mapper().readTree(client.sendGet("registered-models/alias?name=" + name + "&alias=champion"));
        assertThat(byAlias.path("model_version").path("version").asText()).isEqualTo("2");
        assertThat(byAlias.path("model_version").path("aliases").get(0).asText())
                .isEqualTo("champion");

        client.sendPost(
                "model-versions/set-tag",
                "{\"name\": \"" + name + "\", \"version\": \"1\", \"key\": \"validated\", \"value\": \"yes\"}");
        client.sendPost(
                "registered-models/set-tag", "{\"name\": \"" + name + "\", \"key\": \"team\", \"value\": \"ml\"}");
        assertThat(client.getModelVersion(name, "1").getTagsList()).anySatisfy(t -> {
            assertThat(t.getKey()).isEqualTo("validated");
            assertThat(t.getValue()).isEqualTo("yes");
        });

        ModelVersionsPage versions = client.searchModelVersions("name = '" + name + "'");
        assertThat(versions.getItems()).extracting(ModelVersion::getVersion).containsExactlyInAnyOrder("1", "2");
        ModelVersionsPage firstPage = client.searchModelVersions("name = '" + name + "'", 1, List.of());
        assertThat(firstPage.getItems()).hasSize(1);
        assertThat(firstPage.hasNextPage()).isTrue();
        ModelVersionsPage secondPage = (ModelVersionsPage) firstPage.getNextPage();
        assertThat(secondPage.getItems()).hasSize(1);

        String renamed = unique("renamed-model");
        client.sendPost("registered-models/rename", "{\"name\": \"" + name + "\", \"new_name\": \"" + renamed + "\"}");
        assertThat(client.getRegisteredModel(renamed).getName()).isEqualTo(renamed);
        assertThatThrownBy(() -> client.getRegisteredModel(name))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getStatusCode())
                        .isEqualTo(404));

        HttpJson http = server.http();
        assertThat(http.delete(
                                "/api/2.0/mlflow/model-versions/delete",
                                "{\"name\": \"" + renamed + "\", \"version\": \"1\"}")
                        .status())
                .isEqualTo(200);
        assertThat(client.searchModelVersions("name = '" + renamed + "'").getItems())
                .hasSize(1);
        assertThat(http.delete("/api/2.0/mlflow/registered-models/delete", "{\"name\": \"" + renamed + "\"}")
                        .status())
                .isEqualTo(200);
        assertThatThrownBy(() -> client.getRegisteredModel(renamed)).isInstanceOf(MlflowHttpException.class);
    }

    private static Metric metric(String key, double value, long step) {
        return Metric.newBuilder()
                .setKey(key)
                .setValue(value)
                .setTimestamp(System.currentTimeMillis())
                .setStep(step)
                .build();
    }
}
