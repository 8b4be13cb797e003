package dev.gyre.store.sql;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.page.Page;
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
import dev.gyre.store.TrackingStore;
import dev.gyre.store.Validation;
import dev.gyre.store.search.Comparison;
import dev.gyre.store.search.OrderBy;
import dev.gyre.store.search.PageToken;
import dev.gyre.store.search.SearchParser;
import dev.gyre.store.search.SearchTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tracking store over H2 or PostgreSQL. Each method validates its arguments (see {@link Validation}) before
 * touching the database, then runs as one transaction; writes to a run lock its row first, so concurrent writers to
 * one run are serialised and each call is all-or-nothing. Thread-safe: it holds no mutable state of its own.
 */
public final class SqlTrackingStore implements TrackingStore {
    private final Database db;
    private final ExperimentsDao experiments;
    private final RunsDao runs = new RunsDao();
    private final RunDataWriter runData = new RunDataWriter();
    private final DatasetInputsDao inputs = new DatasetInputsDao();

    SqlTrackingStore(Database db, String defaultArtifactRoot) {
        this.db = db;
        this.experiments = new ExperimentsDao(defaultArtifactRoot);
    }

    /** Creates experiment 0, "Default", when the database does not have it yet. */
    void createDefaultExperimentIfMissing() {
        db.run(c -> {
            experiments.createDefaultIfMissing(c, now());
            return null;
        });
    }

    // ---- experiments ----------------------------------------------------------------------------------------

    @Override
    public String createExperiment(String name, String artifactLocation, List<Tag> tags) {
        Validation.experimentName(name);
        Validation.experimentArtifactLocation(artifactLocation);
        List<Tag> tagList = orEmpty(tags);
        tagList.forEach(Validation::experimentTag);
        long id = db.inTransaction(c -> experiments.insert(c, name, artifactLocation, tagList, now()));
        return Long.toString(id);
    }

    @Override
    public Experiment getExperiment(String experimentId) {
        return db.inTransaction(c -> experiments.load(c, experiments.require(c, experimentId, false)));
    }

    @Override
    public Optional<Experiment> getExperimentByName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return db.inTransaction(c -> {
            Optional<ExperimentsDao.Row> row = experiments.findByName(c, name);
            return row.isEmpty() ? Optional.<Experiment>empty() : Optional.of(experiments.load(c, row.get()));
        });
    }

    @Override
    public Page<Experiment> searchExperiments(
            ViewType viewType, int maxResults, String filter, List<String> orderBy, String pageToken) {
        Validation.searchMaxResults(maxResults);
        List<Comparison> comparisons = SearchParser.parseFilter(filter, SearchTarget.EXPERIMENTS);
        List<OrderBy> order = SearchParser.parseOrderBy(orderBy, SearchTarget.EXPERIMENTS);
        long offset = PageToken.decodeOffset(pageToken);
        SqlQuery q = ExperimentSearch.compile(viewType, comparisons, order, maxResults + 1, offset);
        return db.inTransaction(c -> {
            List<ExperimentsDao.Row> rows = Sql.query(c, q.sql(), ExperimentsDao::row, q.args());
            return page(experiments.load(c, rows), maxResults, offset);
        });
    }

    @Override
    public void renameExperiment(String experimentId, String newName) {
        Validation.experimentName(newName);
        db.run(c -> {
            ExperimentsDao.Row row = experiments.require(c, experimentId, true);
            if (row.stage() != LifecycleStage.ACTIVE) {
                throw new GyreException(ErrorCode.INVALID_STATE, "Cannot rename a non-active experiment.");
            }
            experiments.rename(c, row.id(), newName, now());
            return null;
        });
    }

    @Override
    public void deleteExperiment(String experimentId) {
        db.run(c -> {
            ExperimentsDao.Row row = experiments.require(c, experimentId, true);
            if (row.stage() != LifecycleStage.ACTIVE) {
                throw GyreException.notFound("No Experiment with id=" + experimentId + " exists");
            }
            experiments.setLifecycleStage(c, row.id(), LifecycleStage.DELETED, now());
            return null;
        });
    }

    @Override
    public void restoreExperiment(String experimentId) {
        db.run(c -> {
            ExperimentsDao.Row row = experiments.require(c, experimentId, true);
            if (row.stage() != LifecycleStage.DELETED) {
                throw GyreException.notFound("No Experiment with id=" + experimentId + " exists");
            }
            experiments.setLifecycleStage(c, row.id(), LifecycleStage.ACTIVE, now());
            return null;
        });
    }

    @Override
    public void setExperimentTag(String experimentId, Tag tag) {
        Validation.experimentTag(tag);
        db.run(c -> {
            ExperimentsDao.Row row = experiments.require(c, experimentId, true);
            ExperimentsDao.requireActive(row);
            experiments.upsertTag(c, row.id(), tag);
            return null;
        });
    }

    // ---- runs -----------------------------------------------------------------------------------------------

    @Override
    public Run createRun(String experimentId, String userId, long startTime, List<Tag> tags, String runName) {
        Validation.userId(userId);
        List<Tag> tagList = new ArrayList<>(orEmpty(tags));
        tagList.forEach(Validation::runTag);
        Optional<String> nameTag = tagList.stream()
                .filter(t -> t.key().equals(RunDataWriter.RUN_NAME_TAG))
                .map(Tag::value)
                .reduce((a, b) -> b);
        boolean hasName = runName != null && !runName.isEmpty();
        if (hasName && nameTag.isPresent() && !runName.equals(nameTag.get())) {
            throw GyreException.invalid("Both 'run_name' argument and 'mlflow.runName' tag are specified, but with"
                    + " different values (run_name='" + runName + "', mlflow.runName='" + nameTag.get() + "').");
        }
        String name = hasName ? runName : nameTag.filter(n -> !n.isEmpty()).orElseGet(RunNames::random);
        if (nameTag.isEmpty() || nameTag.get().isEmpty()) {
            tagList.removeIf(t -> t.key().equals(RunDataWriter.RUN_NAME_TAG));
            tagList.add(new Tag(RunDataWriter.RUN_NAME_TAG, name));
        }
        Validation.runTag(new Tag(RunDataWriter.RUN_NAME_TAG, name));
        return db.inTransaction(c -> {
            ExperimentsDao.Row experiment = experiments.require(c, experimentId, false);
            ExperimentsDao.requireActive(experiment);
            String runId = UUID.randomUUID().toString().replace("-", "");
            String location = experiment.artifactLocation() == null ? "" : experiment.artifactLocation();
            String artifactUri = (location.endsWith("/") ? location : location + "/") + runId + "/artifacts";
            RunInfo info = new RunInfo(
                    runId,
                    name,
                    Long.toString(experiment.id()),
                    userId,
                    RunStatus.RUNNING,
                    startTime,
                    null,
                    artifactUri,
                    LifecycleStage.ACTIVE);
            runs.insert(c, info);
            runData.write(c, runId, List.of(), List.of(), tagList);
            return runs.load(c, info);
        });
    }

    @Override
    public Run getRun(String runId) {
        return db.inTransaction(c -> runs.load(c, runs.require(c, runId, false)));
    }

    @Override
    public RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName) {
        if (runName != null && !runName.isEmpty()) {
            Validation.runTag(new Tag(RunDataWriter.RUN_NAME_TAG, runName));
        }
        return db.inTransaction(c -> {
            RunInfo current = runs.requireActiveForWrite(c, runId);
            RunStatus newStatus = status != null ? status : current.status();
            Long newEnd = endTime != null ? endTime : current.endTime();
            String newName = runName != null && !runName.isEmpty() ? runName : current.runName();
            runs.update(c, runId, newStatus, newEnd, newName);
            if (runName != null && !runName.isEmpty()) {
                runData.write(c, runId, List.of(), List.of(), List.of(new Tag(RunDataWriter.RUN_NAME_TAG, newName)));
            }
            return runs.require(c, runId, false);
        });
    }

    @Override
    public void deleteRun(String runId) {
        setRunStage(runId, LifecycleStage.DELETED);
    }

    @Override
    public void restoreRun(String runId) {
        setRunStage(runId, LifecycleStage.ACTIVE);
    }

    private void setRunStage(String runId, LifecycleStage stage) {
        db.run(c -> {
            runs.require(c, runId, true);
            runs.setLifecycleStage(c, runId, stage, now());
            return null;
        });
    }

    @Override
    public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<Tag> tags) {
        Validation.runId(runId);
        List<Metric> m = orEmpty(metrics);
        List<Param> p = orEmpty(params);
        List<Tag> t = orEmpty(tags);
        Validation.batch(m, p, t);
        if (m.isEmpty() && p.isEmpty() && t.isEmpty()) {
            db.run(c -> {
                runs.requireActiveForWrite(c, runId);
                return null;
            });
            return;
        }
        db.run(c -> {
            runs.requireActiveForWrite(c, runId);
            runData.write(c, runId, m, p, t);
            return null;
        });
    }

    @Override
    public void deleteTag(String runId, String key) {
        db.run(c -> {
            runs.requireActiveForWrite(c, runId);
            int deleted =
                    Sql.update(c, "DELETE FROM tags WHERE run_uuid = ? AND tag_key = ?", runId, key == null ? "" : key);
            if (deleted == 0) {
                throw GyreException.notFound("No tag with name: " + key + " in run with id " + runId);
            }
            return null;
        });
    }

    @Override
    public void logInputs(String runId, List<DatasetInput> datasetInputs) {
        Validation.runId(runId);
        List<DatasetInput> list = orEmpty(datasetInputs);
        Validation.datasetInputs(list);
        db.run(c -> {
            RunInfo info = runs.requireActiveForWrite(c, runId);
            inputs.log(c, runId, Long.parseLong(info.experimentId()), list);
            return null;
        });
    }

    @Override
    public Page<Run> searchRuns(
            List<String> experimentIds,
            String filter,
            ViewType viewType,
            int maxResults,
            List<String> orderBy,
            String pageToken) {
        Validation.searchMaxResults(maxResults);
        List<Comparison> comparisons = SearchParser.parseFilter(filter, SearchTarget.RUNS);
        List<OrderBy> order = SearchParser.parseOrderBy(orderBy, SearchTarget.RUNS);
        long offset = PageToken.decodeOffset(pageToken);
        List<Long> ids = orEmpty(experimentIds).stream()
                .map(ExperimentsDao::parseId)
                .flatMap(Optional::stream)
                .distinct()
                .toList();
        if (ids.isEmpty()) {
            return Page.last(List.of());
        }
        return db.inTransaction(c -> {
            SqlQuery q = RunSearch.compile(
                    db.dialect(),
                    ids,
                    viewType,
                    comparisons,
                    order,
                    maxResults + 1,
                    offset,
                    db.dialect() == Dialect.H2 ? selectiveMetric(c, comparisons, maxResults) : null);
            List<RunInfo> infos = Sql.query(c, q.sql(), RunsDao::info, q.args());
            List<RunInfo> pageInfos = infos.size() > maxResults ? infos.subList(0, maxResults) : infos;
            List<Run> loaded = runs.load(c, pageInfos);
            return infos.size() > maxResults
                    ? new Page<>(loaded, Optional.of(PageToken.encode(offset + maxResults)))
                    : Page.last(loaded);
        });
    }

    /** The first metric comparison that matches few runs (see {@link RunSearch#compile}), or null. */
    private static Comparison selectiveMetric(java.sql.Connection c, List<Comparison> comparisons, int pageSize)
            throws java.sql.SQLException {
        int bound = RunSearch.selectiveMetricRows(pageSize);
        for (Comparison comparison : comparisons) {
            SqlQuery probe = RunSearch.selectiveMetricProbe(comparison, bound);
            if (probe != null
                    && Sql.query(c, probe.sql(), rs -> rs.getLong(1), probe.args())
                                    .getFirst()
                            < bound) {
                return comparison;
            }
        }
        return null;
    }

    @Override
    public Page<Metric> getMetricHistory(String runId, String metricKey, int maxResults, String pageToken) {
        Validation.metricHistoryMaxResults(maxResults);
        long offset = PageToken.decodeOffset(pageToken);
        return db.inTransaction(c -> {
            runs.require(c, runId, false);
            List<Metric> rows = Sql.query(
                    c,
                    "SELECT metric_key, metric_value, timestamp_ms, step, is_nan FROM metrics"
                            + " WHERE run_uuid = ? AND metric_key = ? ORDER BY step, timestamp_ms, metric_value, is_nan"
                            + " LIMIT ? OFFSET ?",
                    RunsDao::metric,
                    runId,
                    metricKey == null ? "" : metricKey,
                    (long) maxResults + 1,
                    offset);
            return page(rows, maxResults, offset);
        });
    }

    @Override
    public boolean isHealthy() {
        return db.isHealthy();
    }

    /** The database belongs to {@link dev.gyre.store.MetadataStores}, which closes it; nothing to do here. */
    @Override
    public void close() {}

    // ---- helpers --------------------------------------------------------------------------------------------

    /** A page from a query that fetched one row more than asked, to know whether another page exists. */
    static <T> Page<T> page(List<T> rows, int maxResults, long offset) {
        if (rows.size() > maxResults) {
            return new Page<>(rows.subList(0, maxResults), Optional.of(PageToken.encode(offset + maxResults)));
        }
        return Page.last(rows);
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static long now() {
        return System.currentTimeMillis();
    }
}
