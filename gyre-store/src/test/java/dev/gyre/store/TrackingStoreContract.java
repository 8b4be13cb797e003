package dev.gyre.store;

import static dev.gyre.store.StoreAssertions.assertFails;
import static dev.gyre.store.StoreAssertions.assertInvalid;
import static dev.gyre.store.StoreAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.page.Page;
import dev.gyre.core.tracking.Dataset;
import dev.gyre.core.tracking.DatasetInput;
import dev.gyre.core.tracking.Experiment;
import dev.gyre.core.tracking.LifecycleStage;
import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Param;
import dev.gyre.core.tracking.Run;
import dev.gyre.core.tracking.RunInfo;
import dev.gyre.core.tracking.RunStatus;
import dev.gyre.core.tracking.Tag;
import dev.gyre.core.tracking.ViewType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@link TrackingStore} contract: experiments, runs, logging, validation and atomicity. */
public abstract class TrackingStoreContract extends StoreContractSupport {
    protected TrackingStore store;

    @BeforeAll
    void bindStore() {
        store = stores.tracking();
    }

    private String newExperiment() {
        return store.createExperiment(unique("exp"), null, List.of());
    }

    private Run newRun(String experimentId) {
        return store.createRun(experimentId, "alice", 1_000L, List.of(), null);
    }

    private Run newRun() {
        return newRun(newExperiment());
    }

    private static Map<String, Double> metrics(Run run) {
        return run.data().metrics().stream().collect(Collectors.toMap(Metric::key, Metric::value));
    }

    // ---- experiments ----------------------------------------------------------------------------------------

    @Test
    void theDefaultExperimentExists() {
        Experiment e = store.getExperiment(TrackingStore.DEFAULT_EXPERIMENT_ID);
        assertThat(e.name()).isEqualTo("Default");
        assertThat(e.artifactLocation()).isEqualTo("mlflow-artifacts:/0");
        assertThat(e.lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
        assertThat(store.getExperimentByName("Default"))
                .map(Experiment::experimentId)
                .contains("0");
        assertThat(store.isHealthy()).isTrue();
    }

    @Test
    void createsAndReadsExperiments() {
        String name = unique("exp");
        String id = store.createExperiment(name, null, List.of(new Tag("team", "ml"), new Tag("team", "ops")));
        Experiment e = store.getExperiment(id);
        assertThat(e.experimentId()).isEqualTo(id).matches("[1-9][0-9]*");
        assertThat(e.name()).isEqualTo(name);
        assertThat(e.artifactLocation()).isEqualTo("mlflow-artifacts:/" + id);
        assertThat(e.tags()).containsExactly(new Tag("team", "ops"));
        assertThat(e.creationTime()).isPositive().isEqualTo(e.lastUpdateTime());
        assertThat(store.getExperimentByName(name)).contains(e);
        assertThat(store.getExperimentByName(unique("missing"))).isEmpty();

        String custom = store.createExperiment(unique("exp"), "s3://bucket/path", null);
        assertThat(store.getExperiment(custom).artifactLocation()).isEqualTo("s3://bucket/path");
    }

    @Test
    void rejectsBadOrDuplicateExperimentNames() {
        String name = unique("exp");
        store.createExperiment(name, null, List.of());
        assertFails(
                () -> store.createExperiment(name, null, List.of()),
                ErrorCode.RESOURCE_ALREADY_EXISTS,
                "Experiment(name=" + name + ") already exists");
        assertInvalid(() -> store.createExperiment("", null, List.of()), "Invalid experiment name: ''");
        assertInvalid(() -> store.createExperiment(null, null, List.of()), "Invalid experiment name");
        assertInvalid(
                () -> store.createExperiment("x".repeat(501), null, List.of()),
                "Experiment name exceeds the maximum length of 500 characters");
        assertInvalid(
                () -> store.createExperiment(unique("exp"), "runs:/abc", List.of()),
                "Artifact location cannot be a runs:/ URI");
        assertInvalid(
                () -> store.createExperiment(unique("exp"), null, List.of(new Tag("../x", "v"))),
                "Invalid tag name: '../x'");
    }

    @Test
    void unknownExperimentsAreNotFound() {
        assertNotFound(() -> store.getExperiment("987654321"), "No Experiment with id=987654321 exists");
        assertNotFound(() -> store.getExperiment("abc"), "No Experiment with id=abc exists");
        assertNotFound(() -> store.deleteExperiment("987654321"), "No Experiment with id=987654321 exists");
        assertNotFound(
                () -> store.createRun("987654321", "u", 1, List.of(), null), "No Experiment with id=987654321 exists");
    }

    @Test
    void renamesExperiments() {
        String id = newExperiment();
        String newName = unique("renamed");
        store.renameExperiment(id, newName);
        assertThat(store.getExperiment(id).name()).isEqualTo(newName);

        String other = unique("other");
        store.createExperiment(other, null, List.of());
        assertFails(() -> store.renameExperiment(id, other), ErrorCode.RESOURCE_ALREADY_EXISTS, "already exists");
        assertInvalid(() -> store.renameExperiment(id, ""), "Invalid experiment name");

        store.deleteExperiment(id);
        assertFails(
                () -> store.renameExperiment(id, unique("x")),
                ErrorCode.INVALID_STATE,
                "Cannot rename a non-active experiment.");
    }

    @Test
    void deletingAnExperimentDeletesItsRunsAndRestoringBringsThemBack() {
        String id = newExperiment();
        Run run = newRun(id);
        store.deleteExperiment(id);
        assertThat(store.getExperiment(id).lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
        assertThat(store.getRun(run.info().runId()).info().lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
        assertNotFound(() -> store.deleteExperiment(id), "No Experiment with id=" + id + " exists");
        assertInvalid(
                () -> store.createRun(id, "u", 1, List.of(), null),
                "The experiment " + id + " must be in the 'active' state. Current state is deleted.");
        assertInvalid(() -> store.setExperimentTag(id, new Tag("k", "v")), "must be in the 'active' state");

        store.restoreExperiment(id);
        assertThat(store.getExperiment(id).lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
        assertThat(store.getRun(run.info().runId()).info().lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
        assertNotFound(() -> store.restoreExperiment(id), "No Experiment with id=" + id + " exists");
    }

    @Test
    void setsExperimentTags() {
        String id = newExperiment();
        store.setExperimentTag(id, new Tag("k", "v1"));
        store.setExperimentTag(id, new Tag("k", "v2"));
        store.setExperimentTag(id, new Tag("other", "x"));
        assertThat(store.getExperiment(id).tags()).containsExactly(new Tag("k", "v2"), new Tag("other", "x"));
        assertInvalid(() -> store.setExperimentTag(id, new Tag("k", "v".repeat(5001))), "Tag value 'vvv");
        assertInvalid(() -> store.setExperimentTag(id, new Tag("bad\u0000key", "v")), "Invalid tag name");
    }

    @Test
    void searchesExperimentsWithFiltersOrderAndPages() {
        String prefix = unique("search");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(store.createExperiment(
                    prefix + "-" + i, null, List.of(new Tag("parity", i % 2 == 0 ? "even" : "odd"))));
        }
        store.deleteExperiment(ids.get(4));
        String like = "name LIKE '" + prefix + "%'";

        Page<Experiment> active = store.searchExperiments(ViewType.ACTIVE_ONLY, 100, like, List.of("name ASC"), null);
        assertThat(active.items())
                .extracting(Experiment::name)
                .containsExactly(prefix + "-0", prefix + "-1", prefix + "-2", prefix + "-3");
        assertThat(active.nextPageToken()).isEmpty();
        assertThat(store.searchExperiments(ViewType.DELETED_ONLY, 100, like, null, null)
                        .items())
                .extracting(Experiment::experimentId)
                .containsExactly(ids.get(4));
        assertThat(store.searchExperiments(ViewType.ALL, 100, like, null, null).items())
                .hasSize(5);
        assertThat(store.searchExperiments(ViewType.ALL, 100, like + " AND tags.parity = 'odd'", List.of(), null)
                        .items())
                .extracting(Experiment::experimentId)
                .containsExactlyInAnyOrder(ids.get(1), ids.get(3));
        assertThat(store.searchExperiments(ViewType.ALL, 100, "name ILIKE '" + prefix.toUpperCase() + "-1'", null, null)
                        .items())
                .extracting(Experiment::experimentId)
                .containsExactly(ids.get(1));
        assertThat(store.searchExperiments(ViewType.ALL, 100, like + " AND creation_time > 0", null, null)
                        .items())
                .hasSize(5);
        // Default order: creation_time DESC, then experiment_id.
        List<String> defaultOrder = store.searchExperiments(ViewType.ALL, 100, like, null, null).items().stream()
                .map(Experiment::experimentId)
                .toList();
        assertThat(defaultOrder).containsExactlyInAnyOrderElementsOf(ids);

        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Page<Experiment> p = store.searchExperiments(ViewType.ALL, 2, like, List.of("name DESC"), token);
            p.items().forEach(e -> paged.add(e.name()));
            token = p.nextPageToken().orElse(null);
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactly(prefix + "-4", prefix + "-3", prefix + "-2", prefix + "-1", prefix + "-0");
    }

    @Test
    void rejectsBadExperimentSearches() {
        assertInvalid(
                () -> store.searchExperiments(ViewType.ALL, 0, null, null, null),
                "It must be a positive integer, but got 0");
        assertInvalid(
                () -> store.searchExperiments(ViewType.ALL, 50_001, null, null, null),
                "It must be at most 50000, but got value 50001");
        assertInvalid(
                () -> store.searchExperiments(ViewType.ALL, 10, "metrics.x > 1", null, null),
                "Invalid entity type 'metrics'");
        assertInvalid(
                () -> store.searchExperiments(ViewType.ALL, 10, "foo = 'x'", null, null),
                "Invalid attribute key 'foo' specified");
        assertInvalid(
                () -> store.searchExperiments(ViewType.ALL, 10, null, List.of("tags.x ASC"), null),
                "Invalid order_by entity: tag");
        assertInvalid(
                () -> store.searchExperiments(ViewType.ALL, 10, null, null, "not-a-token!"), "Invalid page token");
    }

    // ---- runs -----------------------------------------------------------------------------------------------

    @Test
    void createsRunsWithNamesAndArtifactUris() {
        String exp = newExperiment();
        Run named = store.createRun(exp, "alice", 1234L, List.of(new Tag("k", "v")), "my-run");
        RunInfo info = named.info();
        assertThat(info.runId()).matches("[0-9a-f]{32}");
        assertThat(info.runName()).isEqualTo("my-run");
        assertThat(info.experimentId()).isEqualTo(exp);
        assertThat(info.userId()).isEqualTo("alice");
        assertThat(info.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(info.startTime()).isEqualTo(1234L);
        assertThat(info.endTime()).isNull();
        assertThat(info.lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
        assertThat(info.artifactUri()).isEqualTo("mlflow-artifacts:/" + exp + "/" + info.runId() + "/artifacts");
        assertThat(named.data().tags()).contains(new Tag("k", "v"), new Tag("mlflow.runName", "my-run"));
        assertThat(store.getRun(info.runId())).isEqualTo(named);

        Run generated = store.createRun(exp, null, 1L, List.of(), null);
        assertThat(generated.info().runName()).matches("[a-z]+-[a-z]+-\\d{1,3}");
        assertThat(generated.data().tags())
                .contains(new Tag("mlflow.runName", generated.info().runName()));

        Run fromTag = store.createRun(exp, null, 1L, List.of(new Tag("mlflow.runName", "tagged")), null);
        assertThat(fromTag.info().runName()).isEqualTo("tagged");
        assertInvalid(
                () -> store.createRun(exp, null, 1L, List.of(new Tag("mlflow.runName", "a")), "b"),
                "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values"
                        + " (run_name='b', mlflow.runName='a').");

        String local = store.createExperiment(unique("exp"), "/tmp/x/", List.of());
        assertThat(newRun(local).info().artifactUri())
                .startsWith("/tmp/x/")
                .endsWith("/artifacts")
                .doesNotContain("//");
    }

    @Test
    void unknownRunsAreNotFound() {
        String missing = "0".repeat(32);
        assertNotFound(() -> store.getRun(missing), "Run with id=" + missing + " not found");
        assertNotFound(() -> store.logMetric(missing, new Metric("m", 1, 1, 0)), "Run with id=" + missing);
        assertNotFound(() -> store.updateRun(missing, RunStatus.FINISHED, 1L, null), "not found");
        assertNotFound(() -> store.deleteRun(missing), "not found");
        assertNotFound(() -> store.getMetricHistory(missing, "m", 10, null), "not found");
        assertInvalid(() -> store.logMetric("../etc", new Metric("m", 1, 1, 0)), "Invalid run ID: '../etc'");
    }

    @Test
    void updatesRuns() {
        Run run = newRun();
        String id = run.info().runId();
        RunInfo finished = store.updateRun(id, RunStatus.FINISHED, 5000L, null);
        assertThat(finished.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(finished.endTime()).isEqualTo(5000L);
        assertThat(finished.runName()).isEqualTo(run.info().runName());

        RunInfo renamed = store.updateRun(id, null, null, "renamed");
        assertThat(renamed.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(renamed.endTime()).isEqualTo(5000L);
        assertThat(renamed.runName()).isEqualTo("renamed");
        assertThat(store.getRun(id).data().tags()).contains(new Tag("mlflow.runName", "renamed"));

        store.setTag(id, new Tag("mlflow.runName", "via-tag"));
        assertThat(store.getRun(id).info().runName()).isEqualTo("via-tag");

        store.deleteRun(id);
        assertInvalid(
                () -> store.updateRun(id, RunStatus.KILLED, null, null),
                "The run " + id + " must be in the 'active' state. Current state is deleted.");
    }

    @Test
    void deletesAndRestoresRuns() {
        String exp = newExperiment();
        Run run = newRun(exp);
        String id = run.info().runId();
        store.deleteRun(id);
        assertThat(store.getRun(id).info().lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
        assertThat(store.searchRuns(List.of(exp), null, ViewType.ACTIVE_ONLY, 10, null, null)
                        .items())
                .isEmpty();
        assertThat(store.searchRuns(List.of(exp), null, ViewType.DELETED_ONLY, 10, null, null)
                        .items())
                .hasSize(1);
        assertInvalid(() -> store.logParam(id, new Param("p", "1")), "must be in the 'active' state");
        assertInvalid(() -> store.deleteTag(id, "mlflow.runName"), "must be in the 'active' state");
        store.restoreRun(id);
        assertThat(store.getRun(id).info().lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
        store.logParam(id, new Param("p", "1"));
        assertThat(store.getRun(id).data().params()).containsExactly(new Param("p", "1"));
    }

    // ---- logging --------------------------------------------------------------------------------------------

    @Test
    void logsABatchAndKeepsTheLatestMetricPerKey() {
        String id = newRun().info().runId();
        store.logBatch(
                id,
                List.of(
                        new Metric("acc", 0.5, 100, 1),
                        new Metric("acc", 0.7, 50, 2),
                        new Metric("acc", 0.6, 200, 2),
                        new Metric("loss", 2.0, 10, 0)),
                List.of(new Param("lr", "0.01"), new Param("layers", "3")),
                List.of(new Tag("t", "1")));
        store.logBatch(
                id,
                List.of(new Metric("acc", 0.1, 999, 1), new Metric("loss", 1.0, 5, 3)),
                List.of(),
                List.of(new Tag("t", "2")));
        Run run = store.getRun(id);
        // Latest = highest step, then highest timestamp: acc step 2 @200 beats step 2 @50 and step 1 @999.
        assertThat(run.data().metrics())
                .containsExactlyInAnyOrder(new Metric("acc", 0.6, 200, 2), new Metric("loss", 1.0, 5, 3));
        assertThat(run.data().params()).containsExactlyInAnyOrder(new Param("lr", "0.01"), new Param("layers", "3"));
        assertThat(run.data().tags()).contains(new Tag("t", "2"));

        Page<Metric> history = store.getMetricHistory(id, "acc", 100, null);
        assertThat(history.items())
                .containsExactly(
                        new Metric("acc", 0.5, 100, 1),
                        new Metric("acc", 0.1, 999, 1),
                        new Metric("acc", 0.7, 50, 2),
                        new Metric("acc", 0.6, 200, 2));
        assertThat(history.nextPageToken()).isEmpty();
        assertThat(store.getMetricHistory(id, "nope", 10, null).items()).isEmpty();
    }

    @Test
    void storesNanAndInfinitiesFaithfully() {
        String id = newRun().info().runId();
        store.logBatch(
                id,
                List.of(
                        new Metric("nan", Double.NaN, 1, 0),
                        new Metric("pinf", Double.POSITIVE_INFINITY, 1, 0),
                        new Metric("ninf", Double.NEGATIVE_INFINITY, 1, 0),
                        new Metric("tiny", Double.MIN_VALUE, 1, 0),
                        new Metric("neg0", -0.0, 1, 0)),
                List.of(),
                List.of());
        Map<String, Double> m = metrics(store.getRun(id));
        assertThat(m.get("nan")).isNaN();
        assertThat(m.get("pinf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(m.get("ninf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(m.get("tiny")).isEqualTo(Double.MIN_VALUE);
        assertThat(store.getMetricHistory(id, "nan", 10, null).items())
                .singleElement()
                .satisfies(x -> assertThat(x.value()).isNaN());
        assertThat(store.getMetricHistory(id, "pinf", 10, null)
                        .items()
                        .getFirst()
                        .value())
                .isEqualTo(Double.POSITIVE_INFINITY);
        // A later NaN becomes the latest value; a later finite value replaces it again.
        store.logMetric(id, new Metric("pinf", Double.NaN, 2, 1));
        assertThat(metrics(store.getRun(id)).get("pinf")).isNaN();
        store.logMetric(id, new Metric("pinf", 3.0, 3, 2));
        assertThat(metrics(store.getRun(id)).get("pinf")).isEqualTo(3.0);
    }

    @Test
    void identicalMetricObservationsAreStoredOnce() {
        String id = newRun().info().runId();
        Metric m = new Metric("m", 1.5, 10, 1);
        store.logBatch(id, List.of(m, m), List.of(), List.of());
        store.logMetric(id, m);
        store.logMetric(id, new Metric("m", 1.5, 11, 1));
        assertThat(store.getMetricHistory(id, "m", 100, null).items()).hasSize(2);
    }

    @Test
    void paramsAreImmutable() {
        String id = newRun().info().runId();
        store.logParam(id, new Param("lr", "0.1"));
        store.logParam(id, new Param("lr", "0.1")); // same value: accepted, as MLflow does
        assertInvalid(
                () -> store.logParam(id, new Param("lr", "0.2")),
                "Changing param values is not allowed. Params were already logged='[{'key': 'lr', 'old_value': '0.1',"
                        + " 'new_value': '0.2'}]' for run ID='" + id + "'.");
        assertThat(store.getRun(id).data().params()).containsExactly(new Param("lr", "0.1"));
    }

    @Test
    void validatesEveryEntryOfABatch() {
        String id = newRun().info().runId();
        assertInvalid(
                () -> store.logMetric(id, new Metric("bad*name", 1, 1, 0)),
                "Invalid metric name: 'bad*name'. Names may only contain alphanumerics, underscores (_), dashes (-),"
                        + " periods (.), spaces ( ), and slashes (/).");
        assertInvalid(
                () -> store.logMetric(id, new Metric("a/../b", 1, 1, 0)),
                "Invalid metric name: 'a/../b'. Names may be treated as files in certain cases, and must not resolve"
                        + " to other names when treated as such. This name would resolve to 'b'");
        assertInvalid(() -> store.logParam(id, new Param("/abs", "v")), "Invalid parameter name: '/abs'");
        assertInvalid(() -> store.setTag(id, new Tag("a//b", "v")), "would resolve to 'a/b'");
        assertInvalid(() -> store.setTag(id, new Tag(".", "v")), "Invalid tag name: '.'");
        assertInvalid(
                () -> store.setTag(id, new Tag(null, "v")), "Tag name cannot be None. A key name must be provided.");
        assertInvalid(() -> store.logMetric(id, new Metric("m", 1, -1, 0)), "Got invalid timestamp -1 for metric 'm'");
        assertInvalid(
                () -> store.logMetric(id, new Metric("k".repeat(251), 1, 1, 0)),
                "had length 251, which exceeded length limit of 250");
        assertInvalid(
                () -> store.logParam(id, new Param("p", "v".repeat(6001))),
                "Param value '" + "v".repeat(250) + "' had length 6001, which exceeded length limit of 6000");
        assertInvalid(
                () -> store.setTag(id, new Tag("t", "v".repeat(8001))),
                "had length 8001, which exceeded length limit of 8000");
        store.logParam(id, new Param("p6000", "v".repeat(6000)));
        store.setTag(id, new Tag("t8000", "v".repeat(8000)));
        store.logMetric(id, new Metric("unicode_ключ 1/x-y.z", 1, 1, 0));
        assertThat(store.getRun(id).data().params()).hasSize(1);
    }

    @Test
    void enforcesBatchLimits() {
        String id = newRun().info().runId();
        List<Metric> tooMany = IntStream.range(0, 1001)
                .mapToObj(i -> new Metric("m" + i, i, 1, 0))
                .toList();
        assertInvalid(
                () -> store.logBatch(id, tooMany, List.of(), List.of()),
                "A batch logging request can contain at most 1000 metrics. Got 1001 metrics. Please split up metrics"
                        + " across multiple requests and try again.");
        List<Param> params =
                IntStream.range(0, 101).mapToObj(i -> new Param("p" + i, "v")).toList();
        assertInvalid(() -> store.logBatch(id, List.of(), params, List.of()), "at most 100 params. Got 101 params");
        List<Tag> tags =
                IntStream.range(0, 101).mapToObj(i -> new Tag("t" + i, "v")).toList();
        assertInvalid(() -> store.logBatch(id, List.of(), List.of(), tags), "at most 100 tags. Got 101 tags");
        List<Metric> m950 = tooMany.subList(0, 950);
        assertInvalid(
                () -> store.logBatch(id, m950, params.subList(0, 51), List.of()),
                "at most 1000 metrics, params, and tags. Got 1001 metrics, params, and tags");
        assertInvalid(
                () -> store.logBatch(id, List.of(), List.of(new Param("a", "1"), new Param("a", "2")), List.of()),
                "Duplicate parameter keys have been submitted: ['a']. Please ensure the request contains only one"
                        + " param value per param key.");
        store.logBatch(id, tooMany.subList(0, 1000), List.of(), List.of());
        assertThat(store.getRun(id).data().metrics()).hasSize(1000);
    }

    @Test
    void aFailedBatchWritesNothing() {
        String id = newRun().info().runId();
        store.logParam(id, new Param("fixed", "1"));
        // Invalid entry caught by validation: nothing of the batch is written.
        assertInvalid(
                () -> store.logBatch(
                        id,
                        List.of(new Metric("ok", 1, 1, 0), new Metric("bad*", 1, 1, 0)),
                        List.of(new Param("new", "x")),
                        List.of(new Tag("t", "x"))),
                "Invalid metric name: 'bad*'");
        // Conflict found in the database half-way through the batch: rolled back as a whole.
        assertInvalid(
                () -> store.logBatch(
                        id,
                        List.of(new Metric("ok", 1, 1, 0)),
                        List.of(new Param("new", "x"), new Param("fixed", "2")),
                        List.of(new Tag("t", "x"))),
                "Changing param values is not allowed");
        Run run = store.getRun(id);
        assertThat(run.data().metrics()).isEmpty();
        assertThat(run.data().params()).containsExactly(new Param("fixed", "1"));
        assertThat(run.data().tags()).extracting(Tag::key).containsExactly("mlflow.runName");
        assertThat(store.getMetricHistory(id, "ok", 10, null).items()).isEmpty();
    }

    @Test
    void concurrentBatchesToOneRunLoseNothing() throws Exception {
        String id = newRun().info().runId();
        int threads = 16;
        int batchesPerThread = 5;
        int metricsPerBatch = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int b = 0; b < batchesPerThread; b++) {
                        List<Metric> batch = new ArrayList<>();
                        for (int i = 0; i < metricsPerBatch; i++) {
                            long step = (long) thread * 1_000_000 + b * 1000L + i;
                            batch.add(new Metric("shared", step, step, step));
                            batch.add(new Metric("t" + thread, i, step, step));
                        }
                        store.logBatch(
                                id,
                                batch,
                                List.of(new Param("p" + thread + "_" + b, "v")),
                                List.of(new Tag("last", "t" + thread)));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int perKey = batchesPerThread * metricsPerBatch;
        assertThat(store.getMetricHistory(id, "shared", 25_000, null).items()).hasSize(threads * perKey);
        Run run = store.getRun(id);
        Map<String, Double> latest = metrics(run);
        long maxStep = (long) (threads - 1) * 1_000_000 + (batchesPerThread - 1) * 1000L + metricsPerBatch - 1;
        assertThat(latest.get("shared")).isEqualTo((double) maxStep);
        assertThat(latest).hasSize(threads + 1);
        assertThat(run.data().params()).hasSize(threads * batchesPerThread);
        Set<String> seen = new HashSet<>();
        for (int t = 0; t < threads; t++) {
            seen.add("t" + t);
            assertThat(store.getMetricHistory(id, "t" + t, 1000, null).items()).hasSize(perKey);
        }
        assertThat(latest.keySet()).containsAll(seen);
    }

    @Test
    void deletesTags() {
        String id = newRun().info().runId();
        store.setTag(id, new Tag("k", "v"));
        store.deleteTag(id, "k");
        assertThat(store.getRun(id).data().tags()).extracting(Tag::key).doesNotContain("k");
        assertNotFound(() -> store.deleteTag(id, "k"), "No tag with name: k in run with id " + id);
    }

    @Test
    void pagesThroughMetricHistory() {
        String id = newRun().info().runId();
        List<Metric> all = IntStream.range(0, 25)
                .mapToObj(i -> new Metric("m", i, 1000 + i, i))
                .toList();
        store.logBatch(id, all, List.of(), List.of());
        List<Metric> read = new ArrayList<>();
        String token = null;
        do {
            Page<Metric> p = store.getMetricHistory(id, "m", 10, token);
            assertThat(p.items().size()).isLessThanOrEqualTo(10);
            read.addAll(p.items());
            token = p.nextPageToken().orElse(null);
        } while (token != null);
        assertThat(read).containsExactlyElementsOf(all);
        assertInvalid(() -> store.getMetricHistory(id, "m", 0, null), "max_results");
        assertInvalid(() -> store.getMetricHistory(id, "m", 10, "eyJvZmZzZXQiOiAiYSJ9"), "Invalid page token");
    }

    @Test
    void logsDatasetInputsOncePerExperiment() {
        String exp = newExperiment();
        String r1 = newRun(exp).info().runId();
        String r2 = newRun(exp).info().runId();
        Dataset ds = new Dataset("iris", "abc123", "local", "file:///iris.csv", "{\"cols\":[]}", null);
        DatasetInput training = new DatasetInput(ds, List.of(new Tag("mlflow.data.context", "training")));
        store.logInputs(r1, List.of(training, training));
        store.logInputs(r1, List.of(training));
        store.logInputs(r2, List.of(new DatasetInput(ds, List.of(new Tag("mlflow.data.context", "eval")))));

        assertThat(store.getRun(r1).inputs()).containsExactly(training);
        assertThat(store.getRun(r2).inputs()).singleElement().satisfies(i -> assertThat(i.dataset())
                .isEqualTo(ds));
        assertInvalid(
                () -> store.logInputs(
                        r1,
                        List.of(new DatasetInput(
                                new Dataset("n", "d".repeat(37), "local", "s", null, null), List.of()))),
                "Dataset digest exceeds the maximum length of 36");
        assertInvalid(
                () -> store.logInputs(
                        r1, List.of(new DatasetInput(new Dataset(null, "d", "local", "s", null, null), List.of()))),
                "Dataset name cannot be None");
    }
}
